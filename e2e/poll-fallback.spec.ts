/**
 * Issue 6 item 4: when the event stream cannot get through, the page polls the JSON twin of the
 * stream (`?after=N`) with the same cursor, shows every change exactly once, says so on its badge,
 * and returns to the stream once it can.
 */
import type { Locator, Page, Route } from "@playwright/test";
import { PROGRESS, STATUS_LABELS, type OrderStatus } from "../lib/orders/status";
import { expectNoSeriousA11yViolations } from "./fixtures/axe";
import { advance, expectSameDocument, expectTimeline, markDocument, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { startStreamProxy } from "./fixtures/stream-proxy";
import { expect, test } from "./fixtures/test";

// Three failed stream attempts (a few seconds each), or a silent stream checked after 10 s.
const FALLBACK_TIMEOUT = 30_000;
// The stream is tried again every 30 s while polling.
const RETURN_TIMEOUT = 45_000;

/**
 * Lets the page's clock run two seconds at a time (Playwright's clock, installed before the page
 * loaded) until `badge` shows `state`: the transport's own timers fire in order, as they would
 * in real time, without the test waiting out its 10 and 30 s intervals. In short steps, so that
 * what a timer starts for real (an EventSource, a poll) finishes before the next one fires: a 30 s
 * jump would fire the new stream's 10 s connect timeout before it could open, and look like a
 * sleeping laptop to the wake check (lib/hooks/wake.ts, more than 22 s between its ticks).
 */
async function runClockUntil(page: Page, badge: Locator, state: string, timeout: number): Promise<void> {
  await expect(async () => {
    await page.clock.runFor(2_000);
    await expect(badge).toHaveAttribute("data-state", state, { timeout: 200 });
  }).toPass({ timeout, intervals: [0] });
}

const isStream = (url: URL) => /^\/api\/track\/[^/]+\/events$/.test(url.pathname) && !url.searchParams.has("after");

test("a blocked stream falls back to polling, loses nothing, and comes back when unblocked", async ({ page, request, staff }) => {
  test.setTimeout(120_000);
  const placed = await placeOrderViaApi(request);
  const block = (route: Route) => route.abort();
  await page.route(isStream, block);
  await page.clock.install();
  await page.goto(placed.trackingPath);
  const { badge, currentStatus } = tracking(page);
  await markDocument(page);
  await runClockUntil(page, badge, "polling", FALLBACK_TIMEOUT);
  await expect(badge).toHaveText(/polling/i);

  const steps: OrderStatus[] = ["confirmed", "preparing", "ready"];
  for (const [i, to] of steps.entries()) await advance(staff, placed.order.id, to, i + 1);
  await expect(currentStatus).toHaveText(STATUS_LABELS.ready);
  await expectTimeline(page, ["placed", ...steps]);
  await expect(badge).toHaveAttribute("data-state", "polling");

  await page.unroute(isStream, block);
  await runClockUntil(page, badge, "live", RETURN_TIMEOUT);
  const rest = PROGRESS.slice(PROGRESS.indexOf("ready") + 1);
  for (const [i, to] of rest.entries()) await advance(staff, placed.order.id, to, steps.length + i + 1);
  await expect(currentStatus).toHaveText(STATUS_LABELS.delivered);
  await expectTimeline(page, [...PROGRESS]);
  await expect(badge).toHaveAttribute("data-state", "closed");
  await expectSameDocument(page);
});

test("the polling badge passes the accessibility check", async ({ page, request }) => {
  const placed = await placeOrderViaApi(request);
  await page.route(isStream, (route) => route.abort());
  await page.clock.install();
  await page.goto(placed.trackingPath);
  await runClockUntil(page, tracking(page).badge, "polling", FALLBACK_TIMEOUT);
  await expectNoSeriousA11yViolations(page);
});

test("a proxy that answers the stream but holds its body back is noticed; the page polls through it", async ({
  browser,
  request,
  server,
  staff,
}) => {
  test.setTimeout(120_000);
  const proxy = await startStreamProxy(server.baseURL);
  const context = await browser.newContext({ baseURL: proxy.baseURL });
  try {
    proxy.holding = true;
    const placed = await placeOrderViaApi(request);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(placed.trackingPath);
    const { badge, currentStatus } = tracking(page);
    // The headers got through, so the stream looks open.
    await expect(badge).toHaveAttribute("data-state", "live");

    const steps: OrderStatus[] = ["confirmed", "preparing", "ready", "out_for_delivery"];
    for (const [i, to] of steps.entries()) await advance(staff, placed.order.id, to, i + 1);
    await runClockUntil(page, badge, "polling", FALLBACK_TIMEOUT);
    await expect(currentStatus).toHaveText(STATUS_LABELS.out_for_delivery);
    await expectTimeline(page, ["placed", ...steps]);

    proxy.holding = false;
    await runClockUntil(page, badge, "live", RETURN_TIMEOUT);
    await advance(staff, placed.order.id, "delivered", steps.length + 1);
    await expect(currentStatus).toHaveText(STATUS_LABELS.delivered);
    await expectTimeline(page, [...PROGRESS]);
  } finally {
    await context.close();
    await proxy.close();
  }
});
