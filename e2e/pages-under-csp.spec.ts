/**
 * Every page loads and runs its scripts under the Content-Security-Policy; the shared fixture
 * fails the test on any violation along the way (e2e/fixtures/test.ts).
 */
import type { Page } from "@playwright/test";
import { loginAsStaff, orderCard, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { expect, test } from "./fixtures/test";

/** Next's client runtime ran (it sets `window.next` once its scripts execute). */
async function expectHydrated(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
}

test("home, order form, tracking page, 404, staff sign-in and board run under the policy", async ({ page, request }) => {
  await page.goto("/");
  await expectHydrated(page);

  await page.goto("/order");
  await expectHydrated(page);
  await expect(page.getByRole("button", { name: "Place order" })).toBeVisible();

  const placed = await placeOrderViaApi(request);
  await page.goto(placed.trackingPath);
  await expectHydrated(page);
  // Live: the EventSource (connect-src) is open.
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
  await expect(page.getByRole("progressbar", { name: "Order progress" })).toBeVisible();

  const missing = await page.goto(`/track/${"A".repeat(32)}`);
  expect(missing?.status()).toBe(404);
  await expectHydrated(page);

  await loginAsStaff(page);
  await expectHydrated(page);
  await expect(orderCard(page, placed.order.id)).toBeVisible();
});
