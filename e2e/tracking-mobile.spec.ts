/**
 * The tracking page's look, phone first: no horizontal scroll and the estimate above the fold on
 * a 390×844 phone and on a desktop, the cancel reason in the status card and every note in the
 * timeline, and axe in light and dark, live and cancelled.
 */
import { devices, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./fixtures/axe";
import { advance, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { expect, test } from "./fixtures/test";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

/** Entirely inside the first screenful, without scrolling. */
async function expectAboveTheFold(page: Page, testId: string, viewportHeight: number): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, `${testId} is rendered`).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${testId} ends above the fold`).toBeLessThanOrEqual(viewportHeight);
}

test.describe("on a phone", () => {
  // Android Chrome: a touch screen, a mobile user agent (which hides the notification opt-in).
  const { userAgent, deviceScaleFactor, isMobile, hasTouch } = devices["Pixel 7"];
  test.use({ userAgent, deviceScaleFactor, isMobile, hasTouch, viewport: PHONE });

  test("the estimate is visible without scrolling, nothing scrolls sideways, and axe passes light and dark", async ({ page, request, staff }) => {
    const placed = await placeOrderViaApi(request, {
      customerName: "Maximiliana Wolfeschlegelsteinhausenbergerdorff",
      items: [
        { name: "Extra-large quattro formaggi pizza with a very long name indeed", quantity: 2 },
        { name: "Lemonade", quantity: 3 },
      ],
      note: "Ring twice, the bell is broken. Leave it with the neighbours at number 12 if nobody answers.",
    });
    await advance(staff, placed.order.id, "confirmed", 1);
    await page.goto(placed.trackingPath);
    await expect(tracking(page).badge).toHaveAttribute("data-state", "live");

    await expectAboveTheFold(page, "eta", PHONE.height);
    await expectNoHorizontalScroll(page);
    // Chrome on Android shows notifications only through a service worker: no button that cannot work.
    await expect(page.getByRole("button", { name: "Notify me" })).toHaveCount(0);
    await test.info().attach("phone light", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
    await expectNoSeriousA11yViolations(page, "tracking page, phone, light");

    await page.emulateMedia({ colorScheme: "dark" });
    await expectNoHorizontalScroll(page);
    await test.info().attach("phone dark", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
    await expectNoSeriousA11yViolations(page, "tracking page, phone, dark");
  });
});

test.describe("on a desktop", () => {
  test.use({ viewport: DESKTOP });

  test("the estimate and the opt-in are above the fold, and the keyboard reaches the opt-in", async ({ page, request }) => {
    const placed = await placeOrderViaApi(request);
    await page.goto(placed.trackingPath);
    await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
    await expectAboveTheFold(page, "eta", DESKTOP.height);
    await expectNoHorizontalScroll(page);

    const notify = page.getByRole("button", { name: "Notify me" });
    for (let i = 0; i < 20 && !(await notify.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(notify).toBeFocused();
    await test.info().attach("desktop light", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });
});

test("a cancelled order shows the shop's reason in the status card and every note in the timeline, and passes axe light and dark", async ({
  page,
  request,
  staff,
}) => {
  await page.setViewportSize(PHONE);
  const placed = await placeOrderViaApi(request);
  const confirmed = await staff.post(`/api/staff/orders/${placed.order.id}/transitions`, {
    data: { to: "confirmed", expectedVersion: 1, note: "Thanks! Your pizza goes in the oven next." },
  });
  expect(confirmed.status()).toBe(200);
  await page.goto(placed.trackingPath);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");

  const reason = "Sorry, we ran out of mozzarella tonight. You have not been charged.";
  const cancelled = await staff.post(`/api/staff/orders/${placed.order.id}/transitions`, {
    data: { to: "cancelled", expectedVersion: 2, note: reason },
  });
  expect(cancelled.status()).toBe(200);

  // Live, without a reload: the reason where the status is, the notes where the steps are.
  await expect(tracking(page).currentStatus).toHaveText("Cancelled");
  const card = page.getByTestId("cancel-reason");
  await expect(card).toContainText("Message from the shop");
  await expect(card).toContainText(reason);
  await expect(tracking(page).timeline).toContainText(reason);
  await expect(tracking(page).timeline).toContainText("Thanks! Your pizza goes in the oven next.");
  await expect(page.getByTestId("eta")).toHaveCount(0);
  await expectAboveTheFold(page, "cancel-reason", PHONE.height);
  await expectNoHorizontalScroll(page);
  await test.info().attach("cancelled light", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await expectNoSeriousA11yViolations(page, "tracking page, cancelled, light");

  await page.emulateMedia({ colorScheme: "dark" });
  await test.info().attach("cancelled dark", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await expectNoSeriousA11yViolations(page, "tracking page, cancelled, dark");
});

test("a live order on a desktop passes axe in light and dark", async ({ page, request, staff }) => {
  await page.setViewportSize(DESKTOP);
  const placed = await placeOrderViaApi(request);
  await advance(staff, placed.order.id, "confirmed", 1);
  await advance(staff, placed.order.id, "preparing", 2);
  await page.goto(placed.trackingPath);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
  await expectNoSeriousA11yViolations(page, "tracking page, desktop, light");
  await page.emulateMedia({ colorScheme: "dark" });
  await test.info().attach("desktop dark", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await expectNoSeriousA11yViolations(page, "tracking page, desktop, dark");
});
