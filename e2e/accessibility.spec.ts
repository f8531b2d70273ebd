/**
 * The public pages pass axe (no serious or critical violations) in light and dark, on a phone and
 * a desktop, in their error states too; and a customer can order with the keyboard alone.
 * The tracking page and the staff board have their own checks next to their features.
 */
import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./fixtures/axe";
import { expect, test } from "./fixtures/test";

const VIEWPORTS = [
  { name: "phone", size: { width: 390, height: 844 } },
  { name: "desktop", size: { width: 1280, height: 800 } },
] as const;

async function checkBothSchemes(page: Page, label: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousA11yViolations(page, `${label} (${colorScheme})`);
  }
}

for (const viewport of VIEWPORTS) {
  test(`home, order form, sign-in and 404 pass axe on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport.size);

    await page.goto("/");
    await checkBothSchemes(page, "home");

    await page.goto("/order");
    await checkBothSchemes(page, "order form");
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByText("Tell us your name")).toBeVisible();
    await checkBothSchemes(page, "order form with errors");

    await page.goto("/staff/login");
    await checkBothSchemes(page, "staff sign-in");
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    // The form is checked as it rests, with its button enabled again (not while it fades back in).
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    await checkBothSchemes(page, "staff sign-in with an error");

    const missing = await page.goto("/track/no-such-order");
    expect(missing?.status()).toBe(404);
    await checkBothSchemes(page, "404");
  });
}

test("a customer orders with the keyboard alone", async ({ page }) => {
  await page.goto("/order");
  // The skip link is the first stop, and it lands on the content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");

  const quantity = page.getByLabel("Margherita pizza", { exact: true });
  const name = page.getByLabel("Your name");
  for (const [field, value] of [
    [quantity, "2"],
    [name, "Keyboard Kim"],
  ] as const) {
    for (let presses = 0; presses < 40 && !(await field.evaluate((element) => element === document.activeElement)); presses++) {
      await page.keyboard.press("Tab");
    }
    await expect(field).toBeFocused();
    await page.keyboard.type(value);
  }
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/track\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Order");
});
