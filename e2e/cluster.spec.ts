/**
 * Scale-out, as a shop runs it: `npm run start:cluster` (two instances behind nginx on one
 * PostgreSQL database). Changes cross instances through LISTEN/NOTIFY, and an instance that dies
 * costs its clients a reconnect through nginx, nothing else. PostgreSQL project only.
 */
import { test as base, expect } from "@playwright/test";
import pg from "pg";
import { PROGRESS, type OrderStatus } from "../lib/orders/status";
import { Cluster } from "./fixtures/cluster";
import {
  advance,
  expectSameDocument,
  expectTimeline,
  markDocument,
  placeOrderViaApi,
  staffApi,
  tracking,
} from "./fixtures/helpers";
import { eventIds, readStream } from "./fixtures/sse";

const test = base.extend<{ cluster: Cluster }>({
  cluster: async ({}, provide, testInfo) => {
    const cluster = await Cluster.launch(2);
    try {
      await provide(cluster);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach("cluster.log", { body: cluster.logText(), contentType: "text/plain" });
      }
      await cluster.dispose();
    }
  },
  baseURL: async ({ cluster }, provide) => {
    await provide(cluster.url);
  },
});

// Two clusters' worth of instances on a 2-core machine: give start-up room.
test.describe.configure({ timeout: 180_000 });

test("the customer's instance is killed mid-stream: the page reconnects through nginx and shows every change once", async ({
  cluster,
  page,
  request,
  playwright,
}) => {
  const placed = await placeOrderViaApi(request, { customerName: "Barbara Liskov" });
  expect(placed.trackingUrl.startsWith(cluster.url), "tracking links name the proxy, not an instance").toBe(true);

  const streamsServedBy: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/events")) streamsServedBy.push(response.headers()["x-tracker-instance"] ?? "?");
  });
  await page.goto(placed.trackingPath);
  const { currentStatus, badge } = tracking(page);
  await expect(badge).toHaveAttribute("data-state", "live");
  await expectTimeline(page, ["placed"]);
  const serving = streamsServedBy[0];
  const other = cluster.state().instances.find((instance) => instance.id !== serving);
  expect(serving, "the stream's response names its instance").toMatch(/^app-\d$/);
  if (!other || !serving) throw new Error(`no other instance than ${serving}`);

  // Staff work on the other instance, directly: every change must cross instances to reach the page.
  const staff = await staffApi(playwright.request, cluster.instance(other.id).url);
  try {
    await advance(staff, placed.order.id, "confirmed", 1);
    await advance(staff, placed.order.id, "preparing", 2);
    await expect(currentStatus).toHaveText("Preparing");
    await expectTimeline(page, ["placed", "confirmed", "preparing"]);
    await markDocument(page);

    cluster.kill(serving, "SIGKILL");
    await expect(badge).not.toHaveAttribute("data-state", "live");
    // Written while the page has no stream at all.
    await advance(staff, placed.order.id, "ready", 3);
    await expect(currentStatus).toHaveText("Ready", { timeout: 30_000 });
    await expect(badge).toHaveAttribute("data-state", "live");
    expect(streamsServedBy.length, "the page opened a second stream").toBeGreaterThanOrEqual(2);

    await advance(staff, placed.order.id, "out_for_delivery", 4);
    await advance(staff, placed.order.id, "delivered", 5);
    await expect(currentStatus).toHaveText("Delivered");
    await expectTimeline(page, [...PROGRESS]);
    await expectSameDocument(page);
  } finally {
    await staff.dispose();
  }
});

test("concurrent transitions through both instances reach a stream through nginx exactly once, in id order, as in the table", async ({
  cluster,
  request,
  playwright,
}) => {
  const [a, b] = cluster.state().instances.map((instance) => cluster.instance(instance.id).url);
  if (!a || !b) throw new Error("expected two instances");
  const staffOn = [await staffApi(playwright.request, a), await staffApi(playwright.request, b)];
  try {
    const cookie = (await staffOn[0]?.storageState())?.cookies.map((c) => `${c.name}=${c.value}`).join("; ") ?? "";
    const listed = (await (await staffOn[0]?.get("/api/staff/orders"))?.json()) as { cursor: number };

    const orders = await Promise.all(Array.from({ length: 12 }, (_, n) => placeOrderViaApi(request, { customerName: `Guest ${n}` })));
    const path: OrderStatus[] = ["confirmed", "preparing", "ready", "out_for_delivery", "delivered"];
    const expected = orders.length * (path.length + 1);

    const stream = readStream(
      `${cluster.url}/api/staff/events?lastEventId=${listed.cursor}`,
      { cookie },
      (text) => eventIds(text).length >= expected,
      60_000,
    );
    // Every order walks its path, each step on the other instance than the last; all orders at once.
    await Promise.all(
      orders.map(async (placed, n) => {
        for (const [step, to] of path.entries()) {
          const api = staffOn[(n + step) % 2];
          if (!api) throw new Error("no staff API");
          await advance(api, placed.order.id, to, step + 1);
        }
      }),
    );
    const { text } = await stream;

    const client = new pg.Client({ connectionString: cluster.databaseUrl });
    await client.connect();
    const table = await client
      .query<{ id: number }>('SELECT id FROM "OrderEvent" WHERE id > $1 ORDER BY id', [listed.cursor])
      .finally(() => client.end());
    expect(table.rows).toHaveLength(expected);
    expect(eventIds(text)).toEqual(table.rows.map((row) => row.id));
  } finally {
    await Promise.all(staffOn.map((api) => api.dispose()));
  }
});
