/**
 * (b) Staff advance an order step by step on the board, in their own browser; the customer's
 * page follows every step live, without a reload, one timeline entry per step.
 */
import { expect, test } from "./fixtures/test";
import { ACTION_LABELS, PROGRESS, STATUS_LABELS } from "../lib/orders/status";
import {
  expectSameDocument,
  expectTimeline,
  loginAsStaff,
  markDocument,
  orderCard,
  placeOrderViaApi,
  tracking,
} from "./fixtures/helpers";

test("every staff click reaches the customer's open page, once", async ({ page, browser, request, server }) => {
  const placed = await placeOrderViaApi(request, { customerName: "Alan Turing" });
  await page.goto(placed.trackingPath);
  const { currentStatus, badge } = tracking(page);
  await expect(badge).toHaveAttribute("data-state", "live");
  await expectTimeline(page, ["placed"]);

  const staffContext = await browser.newContext({ baseURL: server.baseURL });
  try {
    const staff = await staffContext.newPage();
    await loginAsStaff(staff);
    const card = orderCard(staff, placed.order.id);
    await expect(card).toHaveAttribute("data-status", "placed");
    await expect(card).toContainText(placed.order.code);
    await expect(card).toContainText("Alan Turing");

    await markDocument(page);

    for (const [step, to] of PROGRESS.entries()) {
      if (step === 0) continue; // "placed" is where every order starts.
      await card.getByRole("button", { name: ACTION_LABELS[to], exact: true }).click();

      await expect(currentStatus).toHaveText(STATUS_LABELS[to]);
      await expectTimeline(page, PROGRESS.slice(0, step + 1));
      // Assistive technology hears about the change, not just sighted users.
      await expect(page.locator('[aria-live="polite"]').filter({ hasText: STATUS_LABELS[to] }).first()).toBeAttached();
      // The board moved on too, so the next click acts on the new version (delivered orders may leave it).
      if (to !== "delivered") {
        await expect(card).toHaveAttribute("data-status", to);
        await expect(card).toHaveAttribute("data-version", String(step + 1));
      }
    }

    await expect(badge).toHaveAttribute("data-state", "closed");
    await expectSameDocument(page);
    // Closed means closed: no reconnect loop (the server's retry: is 2 s), nothing trickles in.
    const reconnects: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/events")) reconnects.push(request.url());
    });
    await page.waitForTimeout(3_000);
    expect(reconnects).toEqual([]);
    await expect(badge).toHaveAttribute("data-state", "closed");
    await expectTimeline(page, [...PROGRESS]);
  } finally {
    await staffContext.close();
  }
});
