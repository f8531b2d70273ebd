/**
 * Issue 6 item 5's "the board stays correct after the laptop sleeps": a stream can die without
 * the browser noticing (the laptop slept, the network changed under it). The page notices the
 * wake (the wall clock jumped, the browser came back online), reconnects from its cursor and
 * shows exactly the current state.
 */
import { advance, loginAsStaff, orderCard, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { countStreams } from "./fixtures/stream-requests";
import { startStreamProxy } from "./fixtures/stream-proxy";
import { expect, test } from "./fixtures/test";

const STAFF_STREAM = /^\/api\/staff\/events$/;

test("a board whose stream died during a sleep catches up when the machine wakes", async ({ browser, request, server, staff }) => {
  const proxy = await startStreamProxy(server.baseURL);
  const context = await browser.newContext({ baseURL: server.baseURL });
  try {
    const streams = countStreams(context, STAFF_STREAM);
    const page = await context.newPage();
    const before = await placeOrderViaApi(request, { customerName: "Before Sleep" });
    // Signed in directly; the session cookie (host-only, "localhost") goes to the proxy's port too.
    await loginAsStaff(page);
    await page.clock.install();
    await page.goto(`${proxy.baseURL}/staff`);
    const badge = page.getByTestId("connection-badge");
    await expect(badge).toHaveAttribute("data-state", "live");
    await expect(orderCard(page, before.order.id)).toHaveAttribute("data-status", "placed");
    const opened = streams.opened();

    // The lid closes: the stream stops carrying bytes, but no one closes it.
    proxy.freezeOpenStreams();
    await advance(staff, before.order.id, "confirmed", 1);
    await advance(staff, before.order.id, "preparing", 2);
    const during = await placeOrderViaApi(request, { customerName: "During Sleep" });

    // The lid opens five minutes later.
    await page.clock.fastForward("05:00");
    await expect(orderCard(page, before.order.id)).toHaveAttribute("data-status", "preparing");
    await expect(orderCard(page, during.order.id)).toHaveAttribute("data-status", "placed");
    await expect(badge).toHaveAttribute("data-state", "live");
    expect(streams.opened()).toBe(opened + 1);

    // And the new stream is live.
    await advance(staff, during.order.id, "confirmed", 1);
    await expect(orderCard(page, during.order.id)).toHaveAttribute("data-status", "confirmed");
  } finally {
    await context.close();
    await proxy.close();
  }
});

test("a board and a tracking page that went offline catch up when the browser is back online", async ({
  page,
  context,
  request,
  staff,
}) => {
  const placed = await placeOrderViaApi(request, { customerName: "Offline Olga" });
  await loginAsStaff(page);
  const tracker = await context.newPage();
  await tracker.goto(placed.trackingPath);
  const board = page.getByTestId("connection-badge");
  await expect(board).toHaveAttribute("data-state", "live");
  await expect(tracking(tracker).badge).toHaveAttribute("data-state", "live");

  await context.setOffline(true);
  await expect(board).toHaveAttribute("data-state", "offline");
  await expect(tracking(tracker).badge).toHaveAttribute("data-state", "offline");
  await advance(staff, placed.order.id, "confirmed", 1);
  await advance(staff, placed.order.id, "preparing", 2);
  const during = await placeOrderViaApi(request, { customerName: "Placed Meanwhile" });
  await context.setOffline(false);

  await expect(orderCard(page, placed.order.id)).toHaveAttribute("data-status", "preparing");
  await expect(orderCard(page, during.order.id)).toHaveAttribute("data-status", "placed");
  await expect(tracking(tracker).currentStatus).toHaveText("Preparing");
  await expect(tracking(tracker).entries).toHaveCount(3);
  await expect(board).toHaveAttribute("data-state", "live");
  await expect(tracking(tracker).badge).toHaveAttribute("data-state", "live");
});
