/** (a) A customer orders through /order and lands on a live tracking page for that order. */
import { expect, test } from "./fixtures/test";
import { expectTimeline, tracking, trackedOrder } from "./fixtures/helpers";

test("a customer places an order and sees it tracked live", async ({ page, request }) => {
  await page.goto("/order");
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Margherita pizza", { exact: true }).fill("2");
  await page.getByLabel("Note").fill("Ring twice, please");
  await page.getByRole("button", { name: "Place order" }).click();

  await expect(page).toHaveURL(/\/track\/[^/?#]+$/);
  const token = new URL(page.url()).pathname.split("/").pop() ?? "";
  const order = await trackedOrder(request, token);
  expect(order.customerName).toBe("Ada Lovelace");
  expect(order.items).toEqual([{ name: "Margherita pizza", quantity: 2 }]);
  expect(order.note).toBe("Ring twice, please");

  const { currentStatus, badge } = tracking(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Order ${order.code}`);
  await expect(currentStatus).toHaveText("Placed");
  const [placed] = await expectTimeline(page, ["placed"]);
  expect(placed?.eventId).toBe(order.timeline[0]?.eventId);
  await expect(badge).toHaveAttribute("data-state", "live");
  await expect(badge).toBeVisible();
  await expect(page.locator('[aria-live="polite"]').first()).toBeAttached();
});
