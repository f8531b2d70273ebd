/**
 * (c) The customer's server crashes (SIGKILL) with their page open. Whatever happens to the order
 * meanwhile reaches the page once the server is back, each change exactly once, without a reload.
 */
import type { Route } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import {
  advance,
  expectSameDocument,
  expectTimeline,
  markDocument,
  placeOrderViaApi,
  staffApi,
  tracking,
} from "./fixtures/helpers";

// EventSource retries every 2 s (the stream's `retry:`); the page may back off further.
const RECONNECT_TIMEOUT = 30_000;

test("changes made through another instance while the server is down arrive after it restarts", async ({
  page,
  request,
  server,
  playwright,
}) => {
  const placed = await placeOrderViaApi(request);
  await page.goto(placed.trackingPath);
  const { currentStatus, badge } = tracking(page);
  await expect(badge).toHaveAttribute("data-state", "live");
  await expectTimeline(page, ["placed"]);
  await markDocument(page);

  await server.stop();
  await expect(badge).toHaveAttribute("data-state", /^(reconnecting|offline)$/);

  // Staff keep working through a second instance on the same database while the customer's is down.
  const other = await server.sibling("B");
  const staffOnB = await staffApi(playwright.request, other.baseURL);
  await advance(staffOnB, placed.order.id, "confirmed", 1);
  await advance(staffOnB, placed.order.id, "preparing", 2);
  await staffOnB.dispose();
  await other.stop();

  await expect(currentStatus).toHaveText("Placed");
  await expect(badge).not.toHaveAttribute("data-state", "live");

  await server.start();
  await expect(currentStatus).toHaveText("Preparing", { timeout: RECONNECT_TIMEOUT });
  await expect(badge).toHaveAttribute("data-state", "live");
  await expectTimeline(page, ["placed", "confirmed", "preparing"]);

  // The resumed stream is live again: one more step arrives, once, after the replay.
  const staffOnA = await staffApi(playwright.request, server.baseURL);
  await advance(staffOnA, placed.order.id, "ready", 3);
  await staffOnA.dispose();
  await expect(currentStatus).toHaveText("Ready");
  await expectTimeline(page, ["placed", "confirmed", "preparing", "ready"]);
  await expectSameDocument(page);
});

test("changes made right after a restart, before the page's reconnect gets through, arrive once", async ({
  page,
  request,
  server,
  playwright,
}) => {
  const placed = await placeOrderViaApi(request);
  await page.goto(placed.trackingPath);
  const { currentStatus, badge } = tracking(page);
  await expect(badge).toHaveAttribute("data-state", "live");
  await markDocument(page);

  await server.stop();
  await expect(badge).toHaveAttribute("data-state", /^(reconnecting|offline)$/);

  // Left alone, the page's retry (every 2 s) and the restart race; holding its reconnect until the
  // changes are committed makes the interesting order certain: the stream must resume from the log.
  const heldStreams: Route[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const holdStream = async (route: Route) => {
    heldStreams.push(route);
    await released;
    await route.continue();
  };
  await page.route("**/api/track/*/events**", holdStream);

  await server.start();
  const staff = await staffApi(playwright.request, server.baseURL);
  await advance(staff, placed.order.id, "confirmed", 1);
  await advance(staff, placed.order.id, "preparing", 2);
  await expect.poll(() => heldStreams.length, { timeout: RECONNECT_TIMEOUT }).toBeGreaterThan(0);
  await expect(currentStatus).toHaveText("Placed");
  release();

  await expect(currentStatus).toHaveText("Preparing", { timeout: RECONNECT_TIMEOUT });
  // Only now: unrouting while a request is still held lets Playwright continue it behind our back.
  await page.unroute("**/api/track/*/events**", holdStream);
  await expect(badge).toHaveAttribute("data-state", "live");
  await expectTimeline(page, ["placed", "confirmed", "preparing"]);

  await advance(staff, placed.order.id, "ready", 3);
  await staff.dispose();
  await expect(currentStatus).toHaveText("Ready");
  await expectTimeline(page, ["placed", "confirmed", "preparing", "ready"]);
  await expectSameDocument(page);
});
