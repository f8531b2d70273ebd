/**
 * Attention when away: while the tracking tab is in the background, each status change counts in
 * the title and, only after the customer opted in with a click, shows a system notification.
 *
 * Headless Chromium reports every page as visible (bringing another tab or window to the front,
 * or minimising, changes nothing), so an init script puts the Page Visibility API's two getters
 * under the test's control and fires `visibilitychange` as the browser would. Notifications are
 * the real ones, with a recording wrapper around the constructor and around
 * requestPermission so the test sees what was shown and whether anything was asked.
 */
import type { Page } from "@playwright/test";
import { advance, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { expect, test } from "./fixtures/test";

interface Shown {
  title: string;
  body?: string;
  tag?: string;
}

type AttentionWindow = Window & {
  e2eSetHidden: (hidden: boolean) => void;
  e2eNotifications: Shown[];
  e2ePermissionRequests: number;
};

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const w = window as unknown as AttentionWindow;
    let hidden = false;
    Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
    Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => hidden });
    w.e2eSetHidden = (value) => {
      hidden = value;
      document.dispatchEvent(new Event("visibilitychange"));
    };

    w.e2eNotifications = [];
    w.e2ePermissionRequests = 0;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.e2eNotifications.push({ title, body: options?.body, tag: options?.tag });
      }
      static get permission(): NotificationPermission {
        return Real.permission;
      }
      static requestPermission(): Promise<NotificationPermission> {
        w.e2ePermissionRequests += 1;
        return Real.requestPermission();
      }
    }
    window.Notification = Recording;
  });
});

const setHidden = (page: Page, hidden: boolean) => page.evaluate((value) => (window as unknown as AttentionWindow).e2eSetHidden(value), hidden);
const notifications = (page: Page) => page.evaluate(() => (window as unknown as AttentionWindow).e2eNotifications);
const permissionRequests = (page: Page) => page.evaluate(() => (window as unknown as AttentionWindow).e2ePermissionRequests);

test("the title counts changes while the tab is hidden and is restored when it is seen; nothing is asked on load", async ({
  page,
  request,
  staff,
}) => {
  const placed = await placeOrderViaApi(request);
  const code = placed.order.code;
  await page.goto(placed.trackingPath);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
  const title = await page.title();
  const notify = page.getByRole("button", { name: "Notify me" });
  await expect(notify).toHaveAttribute("aria-pressed", "false");
  expect(await permissionRequests(page)).toBe(0);

  // Seen changes leave the title alone.
  await advance(staff, placed.order.id, "confirmed", 1);
  await expect(tracking(page).currentStatus).toHaveText("Confirmed");
  expect(await page.title()).toBe(title);

  await setHidden(page, true);
  await advance(staff, placed.order.id, "preparing", 2);
  await expect(page).toHaveTitle(`(1) Preparing · Order ${code}`);
  await advance(staff, placed.order.id, "ready", 3);
  await expect(page).toHaveTitle(`(2) Ready · Order ${code}`);

  await setHidden(page, false);
  await expect(page).toHaveTitle(title);

  // The count starts again from one the next time the customer looks away.
  await setHidden(page, true);
  await advance(staff, placed.order.id, "out_for_delivery", 4);
  await expect(page).toHaveTitle(`(1) Out for delivery · Order ${code}`);
  await setHidden(page, false);
  await expect(page).toHaveTitle(title);

  // Not opted in: no notification, and still nothing asked.
  expect(await notifications(page)).toEqual([]);
  expect(await permissionRequests(page)).toBe(0);
});

test("a notification shows only after the opt-in click, the choice is remembered for the order, and it can be turned off", async ({
  page,
  context,
  request,
  staff,
}) => {
  // Granted up front, so only our own opt-in stands between a change and a notification.
  await context.grantPermissions(["notifications"]);
  const placed = await placeOrderViaApi(request);
  const code = placed.order.code;
  await page.goto(placed.trackingPath);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
  const notify = page.getByRole("button", { name: "Notify me" });
  await expect(notify).toHaveAttribute("aria-pressed", "false");

  await setHidden(page, true);
  await advance(staff, placed.order.id, "confirmed", 1);
  await expect(page).toHaveTitle(`(1) Confirmed · Order ${code}`);
  expect(await notifications(page), "permission alone is not an opt-in").toEqual([]);
  await setHidden(page, false);

  await notify.click();
  await expect(notify).toHaveAttribute("aria-pressed", "true");
  expect(await permissionRequests(page)).toBe(1);

  // Changes the customer sees notify no one.
  await advance(staff, placed.order.id, "preparing", 2);
  await expect(tracking(page).currentStatus).toHaveText("Preparing");
  expect(await notifications(page)).toEqual([]);

  await setHidden(page, true);
  await advance(staff, placed.order.id, "ready", 3);
  await expect.poll(() => notifications(page)).toEqual([
    { title: `Ready · Order ${code}`, body: "Your order is ready and waiting for the courier.", tag: `order-${placed.order.id}` },
  ]);
  await setHidden(page, false);

  // Remembered across a reload, for this order.
  await page.reload();
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
  await expect(notify).toHaveAttribute("aria-pressed", "true");
  expect(await permissionRequests(page)).toBe(0);

  // Another order's page is not opted in.
  const other = await placeOrderViaApi(request);
  const otherPage = await context.newPage();
  await otherPage.goto(other.trackingPath);
  await expect(otherPage.getByRole("button", { name: "Notify me" })).toHaveAttribute("aria-pressed", "false");
  await otherPage.close();

  // Turned off with the keyboard: the next hidden change counts in the title but shows nothing.
  await notify.focus();
  await page.keyboard.press("Enter");
  await expect(notify).toHaveAttribute("aria-pressed", "false");
  await setHidden(page, true);
  await advance(staff, placed.order.id, "out_for_delivery", 4);
  await expect(page).toHaveTitle(`(1) Out for delivery · Order ${code}`);
  expect(await notifications(page)).toEqual([]);
});
