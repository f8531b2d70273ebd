/**
 * Issue 6 item 3: the tabs of one browser share one event stream. Eight staff tabs would need
 * eight connections, and HTTP/1.1 allows six per host: tabs seven and eight would stall. Here
 * they hold one, all stay live, and when the tab that holds it closes another takes over.
 */
import { expect, test } from "./fixtures/test";
import { advance, expectTimeline, loginAsStaff, orderCard, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { countStreams } from "./fixtures/stream-requests";

const TABS = 8;

test("eight staff tabs share one stream, stay live, and survive the leader closing", async ({ page, context, request, staff }) => {
  // Eight board pages load one after another on a shared 2-core machine.
  test.setTimeout(120_000);
  const streams = countStreams(context, /^\/api\/staff\/events$/);
  await loginAsStaff(page);
  const tabs = [page];
  for (let i = 1; i < TABS; i += 1) {
    const tab = await context.newPage();
    await tab.goto("/staff");
    tabs.push(tab);
  }
  for (const tab of tabs) await expect(tab.getByTestId("connection-badge")).toHaveAttribute("data-state", "live");
  expect(streams.opened()).toBe(1);
  expect(streams.open()).toBe(1);

  const first = await placeOrderViaApi(request, { customerName: "Ada Lovelace" });
  for (const tab of tabs) await expect(orderCard(tab, first.order.id)).toHaveAttribute("data-status", "placed");
  await advance(staff, first.order.id, "confirmed", 1);
  for (const tab of tabs) await expect(orderCard(tab, first.order.id)).toHaveAttribute("data-status", "confirmed");

  // The first tab took the lock; closing it hands the stream to one of the others.
  await page.close();
  const rest = tabs.slice(1);
  await expect.poll(() => streams.opened()).toBe(2);
  await expect.poll(() => streams.open()).toBe(1);
  await advance(staff, first.order.id, "preparing", 2);
  const second = await placeOrderViaApi(request, { customerName: "Grace Hopper" });
  for (const tab of rest) {
    await expect(orderCard(tab, first.order.id)).toHaveAttribute("data-status", "preparing");
    await expect(orderCard(tab, second.order.id)).toHaveAttribute("data-status", "placed");
    await expect(tab.getByTestId("connection-badge")).toHaveAttribute("data-state", "live");
  }
  expect(streams.opened()).toBe(2);
  expect(streams.open()).toBe(1);
});

test("a tab that joins late catches up from its own cursor, then follows the shared stream", async ({ page, context, request, staff }) => {
  const streams = countStreams(context, /^\/api\/track\/[^/]+\/events$/);
  const placed = await placeOrderViaApi(request);
  await page.goto(placed.trackingPath);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");

  // The second tab's page is rendered at "placed", but its scripts are held back while the order
  // moves on: when its hook finally joins, the leader's broadcasts of those steps are long gone.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const second = await context.newPage();
  await second.route("**/_next/static/chunks/**", async (route) => {
    await released;
    await route.continue();
  });
  await second.goto(placed.trackingPath, { waitUntil: "commit" });
  await expect(tracking(second).currentStatus).toHaveText("Placed");
  await advance(staff, placed.order.id, "confirmed", 1);
  await advance(staff, placed.order.id, "preparing", 2);
  await expect(tracking(page).currentStatus).toHaveText("Preparing");
  release();

  await expect(tracking(second).badge).toHaveAttribute("data-state", "live");
  await expect(tracking(second).currentStatus).toHaveText("Preparing");
  await expectTimeline(second, ["placed", "confirmed", "preparing"]);
  await advance(staff, placed.order.id, "ready", 3);
  for (const tab of [page, second]) {
    await expect(tracking(tab).currentStatus).toHaveText("Ready");
    await expectTimeline(tab, ["placed", "confirmed", "preparing", "ready"]);
  }
  expect(streams.opened()).toBe(1);
  expect(streams.open()).toBe(1);
});
