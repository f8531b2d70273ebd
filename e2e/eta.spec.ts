/**
 * The tracking page's estimate: learned by the server from past orders (each stage's median),
 * shown as a delivery time, time left and a progress bar that moves between events, updated by
 * every status change, and moved out (never into the past) when a stage runs over.
 *
 * The browser's clock is fixed with page.clock; the server's is real. Estimates hang off the
 * times of the events the server wrote, which each test reads back from its answers.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { NOW_TICK_MS } from "../lib/hooks/use-now";
import { DEFAULT_STAGE_MS } from "../lib/orders/eta-defaults";
import { PROGRESS, type OrderStatus } from "../lib/orders/status";
import type { StaffOrderView } from "../lib/orders/types";
import { setEventTimes } from "./fixtures/event-times";
import { advance, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { AppServer } from "./fixtures/server";
import { expect, test as base } from "./fixtures/test";

const MIN = 60_000;

// A server without the demo orders: their instant transitions would be history of their own.
const test = base.extend({
  server: async ({ database }, provide, testInfo) => {
    const server = await AppServer.launch("A", database, { TRACKER_SEED_DEMO_ORDERS: "false" });
    try {
      await provide(server);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach("server.log", { body: server.logText(), contentType: "text/plain" });
      }
      await server.dispose();
    }
  },
});

function eta(page: Page) {
  const root = page.getByTestId("eta");
  return {
    root,
    remaining: root.getByTestId("eta-remaining"),
    progress: root.getByRole("progressbar", { name: "Order progress" }),
    overdue: page.getByTestId("eta-overdue"),
  };
}

async function progressValue(page: Page): Promise<number> {
  return eta(page).progress.evaluate((element) => (element as HTMLProgressElement).value);
}

async function expectDeliveryAt(page: Page, at: number): Promise<void> {
  await expect(eta(page).root).toHaveAttribute("data-delivery-at", new Date(at).toISOString());
}

/**
 * Moves the page's clock to `at` and runs its timers through one tick of the estimate's clock
 * (useNow), so the page shows `at` now instead of at its next real tick, up to 5 s later.
 */
async function showTime(page: Page, at: number): Promise<void> {
  await page.clock.setFixedTime(at);
  await page.clock.runFor(NOW_TICK_MS);
}

/** When the order entered its current status, by the server's clock. */
function enteredAt(order: StaffOrderView): number {
  return Date.parse(order.timeline[order.timeline.length - 1]!.at);
}

const DEFAULT_TOTAL = Object.values(DEFAULT_STAGE_MS).reduce((sum, ms) => sum + ms, 0);
const afterPreparing = DEFAULT_STAGE_MS.ready + DEFAULT_STAGE_MS.out_for_delivery;

test("the estimate follows the order: it moves between events, with each change, and out when a stage runs over", async ({
  page,
  request,
  staff,
}) => {
  const placed = await placeOrderViaApi(request);
  const placedAt = Date.parse(placed.order.timeline[0]!.at);
  await page.clock.setFixedTime(placedAt + 20_000);
  await page.goto(placed.trackingPath);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");

  // No history on a new server: each stage's default, and the page says the times are typical.
  await expect(eta(page).remaining).toHaveText(`about ${Math.round((DEFAULT_TOTAL - 20_000) / MIN)} min`);
  await expectDeliveryAt(page, placedAt + DEFAULT_TOTAL);
  await expect(eta(page).root).toContainText("typical times");
  expect(await progressValue(page)).toBeCloseTo(20_000 / DEFAULT_TOTAL, 5);

  // Time passes, no event arrives: the bar moves, the promised time stays.
  await showTime(page, placedAt + MIN);
  await expect.poll(() => progressValue(page)).toBeCloseTo(MIN / DEFAULT_TOTAL, 5);
  await expectDeliveryAt(page, placedAt + DEFAULT_TOTAL);

  // Each change re-bases the estimate on when the order actually moved.
  const confirmed = await advance(staff, placed.order.id, "confirmed", 1);
  await showTime(page, enteredAt(confirmed) + 30_000);
  await expectDeliveryAt(page, enteredAt(confirmed) + DEFAULT_TOTAL - DEFAULT_STAGE_MS.placed);
  const preparing = await advance(staff, placed.order.id, "preparing", 2);
  const started = enteredAt(preparing);
  await showTime(page, started + 30_000);
  await expectDeliveryAt(page, started + DEFAULT_STAGE_MS.preparing + afterPreparing);
  await expect(eta(page).root).toContainText("Ready around");
  await expect(eta(page).root).toHaveAttribute("data-overdue", "false");
  await expect(eta(page).overdue).toBeEmpty();
  const beforeOverrun = await progressValue(page);

  // Preparing runs five minutes over: the estimate stays a minute ahead of now and says why.
  await showTime(page, started + DEFAULT_STAGE_MS.preparing + 5 * MIN);
  await expect(eta(page).root).toHaveAttribute("data-overdue", "true");
  await expect(eta(page).overdue).toContainText("taking a little longer than usual");
  await expectDeliveryAt(page, started + DEFAULT_STAGE_MS.preparing + 5 * MIN + MIN + afterPreparing);
  await showTime(page, started + DEFAULT_STAGE_MS.preparing + 15 * MIN);
  await expectDeliveryAt(page, started + DEFAULT_STAGE_MS.preparing + 15 * MIN + MIN + afterPreparing);
  expect(await progressValue(page)).toBeGreaterThan(beforeOverrun);
  expect(await progressValue(page)).toBeLessThan(1);

  // Finished: the final state replaces the estimate.
  let version = 3;
  for (const to of ["ready", "out_for_delivery", "delivered"] as const) await advance(staff, placed.order.id, to, version++);
  await expect(tracking(page).currentStatus).toHaveText("Delivered");
  await expect(eta(page).root).toHaveCount(0);
  await expect(page.getByText(/^Delivered at/)).toBeVisible();
});

/** Five delivered orders placed hours ago, each stage taking the given minutes. */
async function seedHistory(request: APIRequestContext, staff: APIRequestContext, databaseUrl: string, history: number[][]) {
  const times = new Map<number, Date>();
  for (const [n, minutes] of history.entries()) {
    const { order } = await placeOrderViaApi(request, { customerName: `History ${n}` });
    let current: StaffOrderView | null = null;
    for (const [step, to] of PROGRESS.slice(1).entries()) current = await advance(staff, order.id, to as OrderStatus, step + 1);
    let at = Date.now() - (6 - n) * 60 * MIN;
    for (const [index, entry] of (current?.timeline ?? []).entries()) {
      if (index > 0) at += (minutes[index - 1] ?? 0) * MIN;
      times.set(entry.eventId, new Date(at));
    }
  }
  await setEventTimes(databaseUrl, times);
}

test("the estimate is learned from the shop's own past orders (each stage's median)", async ({ page, request, staff, server }) => {
  await seedHistory(request, staff, server.databaseUrl, [
    [1, 2, 8, 3, 10],
    [2, 1, 9, 2, 12],
    [1, 3, 7, 3, 10],
    [4, 2, 8, 5, 9],
    [1, 6, 20, 3, 11],
  ]);
  const learnedTotal = (1 + 2 + 8 + 3 + 10) * MIN;

  const placed = await placeOrderViaApi(request);
  const placedAt = Date.parse(placed.order.timeline[0]!.at);
  await page.clock.setFixedTime(placedAt);
  await page.goto(placed.trackingPath);

  await expectDeliveryAt(page, placedAt + learnedTotal);
  await expect(eta(page).remaining).toHaveText("about 24 min");
  await expect(eta(page).root).toContainText("Estimated from 5 recent orders.");

  // The JSON answer carries the same learned durations.
  const response = await request.get(`/api/track/${placed.token}`);
  const body = (await response.json()) as { eta: { stages: Record<string, { expectedMs: number; samples: number; learned: boolean }> } };
  expect(body.eta.stages).toEqual({
    placed: { expectedMs: 1 * MIN, samples: 5, learned: true },
    confirmed: { expectedMs: 2 * MIN, samples: 5, learned: true },
    preparing: { expectedMs: 8 * MIN, samples: 5, learned: true },
    ready: { expectedMs: 3 * MIN, samples: 5, learned: true },
    out_for_delivery: { expectedMs: 10 * MIN, samples: 5, learned: true },
  });
});
