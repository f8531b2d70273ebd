/**
 * The staff board as staff use it all evening: search and filters that survive a reload, a
 * keyboard-only path from sign-in to advancing and cancelling orders (with a note and a reason
 * the customer reads on their page), new orders that stay highlighted until someone looks, and
 * no serious accessibility violation on the board, its dialogs or the sign-in page.
 */
import type { Browser, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./fixtures/axe";
import { STAFF, advance, loginAsStaff, orderCard, placeOrderViaApi, trackedOrder, tracking } from "./fixtures/helpers";
import { expect, test } from "./fixtures/test";

/** Signs in with the keyboard alone: the email field has focus when the page opens. */
async function signInWithKeyboard(page: Page): Promise<void> {
  await page.goto("/staff/login");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(STAFF.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(STAFF.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/staff\/?$/);
  await expect(page.getByTestId("connection-badge")).toHaveAttribute("data-state", "live");
}

function searchBox(page: Page) {
  return page.getByRole("searchbox", { name: "Search by order code or customer name" });
}

function cards(page: Page) {
  return page.getByTestId("order-card");
}

function column(page: Page, status: string) {
  return page.locator(`[data-testid="board-column"][data-status="${status}"]`);
}

test("search and filters narrow the board, count what they show, and live in the URL", async ({ page, request, staff }) => {
  const zoe = await placeOrderViaApi(request, { customerName: "Zoë Ångström" });
  const bob = await placeOrderViaApi(request, { customerName: "Bob Builder" });
  const ada = await placeOrderViaApi(request, { customerName: "Ada Lovelace", note: "Ring twice" });
  await advance(staff, bob.order.id, "confirmed", 1);
  const mine = [zoe, bob, ada].map((placed) => placed.order.id);
  const shownOfMine = async () => {
    const shown = await Promise.all(mine.map((id) => orderCard(page, id).count()));
    return mine.filter((_, index) => shown[index] === 1);
  };

  await signInWithKeyboard(page);
  for (const id of mine) await expect(orderCard(page, id)).toBeVisible();
  // The server may hold other open orders (the demo seed): count relative to what is there.
  const total = await cards(page).count();
  const placedTotal = await column(page, "placed").getByTestId("order-card").count();
  const count = page.getByTestId("filter-count");
  await expect(count).toHaveText(`${total} open orders`);

  // Diacritics and case do not matter; the code finds its order too.
  await page.keyboard.press("/");
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type("ZOE ANG");
  await expect(cards(page)).toHaveCount(1);
  await expect(orderCard(page, zoe.order.id)).toBeVisible();
  await expect(count).toHaveText(`1 of ${total} open orders match`);
  await expect(column(page, "placed").getByTestId("column-count")).toContainText(`1 of ${placedTotal}`);
  await expect(page).toHaveURL(/\?q=ZOE\+ANG$/);

  // A reload (or a second screen with the same URL) shows the same board.
  await page.reload();
  await expect(searchBox(page)).toHaveValue("ZOE ANG");
  await expect(orderCard(page, zoe.order.id)).toBeVisible();
  await expect(cards(page)).toHaveCount(1);

  await searchBox(page).fill(bob.order.code.toLowerCase());
  await expect(orderCard(page, bob.order.id)).toBeVisible();
  await expect(cards(page)).toHaveCount(1);

  // Escape clears the search.
  await searchBox(page).press("Escape");
  await expect(searchBox(page)).toHaveValue("");
  await expect(cards(page)).toHaveCount(total);
  await expect(page).toHaveURL(/\/staff$/);

  // Columns: only Confirmed.
  await page.getByRole("group", { name: "Show columns" }).getByRole("button", { name: "Confirmed" }).click();
  await expect(page.getByTestId("board-column")).toHaveCount(1);
  await expect(column(page, "confirmed")).toBeVisible();
  await expect.poll(shownOfMine).toEqual([bob.order.id]);
  await expect(page).toHaveURL(/\?status=confirmed$/);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("board-column")).toHaveCount(5);

  // Has a note: the customer's note counts.
  await page.getByRole("checkbox", { name: "Has a note" }).check();
  await expect.poll(shownOfMine).toEqual([ada.order.id]);
  await expect(page).toHaveURL(/\?note=1$/);
  await page.getByRole("checkbox", { name: "Has a note" }).uncheck();
  await expect(cards(page)).toHaveCount(total);

  // Waiting longer than 5 minutes: these orders were placed seconds ago.
  await page.getByLabel("Waiting").selectOption("5");
  await expect.poll(shownOfMine).toEqual([]);
  await expect(page).toHaveURL(/\?waiting=5$/);
  await page.getByLabel("Waiting").selectOption("");
  await expect(cards(page)).toHaveCount(total);

  // A new order that matches the search appears live; one that does not stays out of sight.
  await searchBox(page).fill("lovelace");
  await expect(cards(page)).toHaveCount(1);
  const later = await placeOrderViaApi(request, { customerName: "Augusta Lovelace" });
  const other = await placeOrderViaApi(request, { customerName: "Charles Babbage" });
  await expect(orderCard(page, later.order.id)).toBeVisible();
  await expect(cards(page)).toHaveCount(2);
  await expect(count).toHaveText(`2 of ${total + 2} open orders match`);
  await expect(orderCard(page, other.order.id)).toHaveCount(0);
  await searchBox(page).fill("sl");
  await expect(column(page, "placed")).toContainText("No matching orders");
});

/** A customer's tracking page for `path`, open and live in its own browser context. */
async function customerPage(browser: Browser, baseURL: string, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(path);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
  return { page, close: () => context.close() };
}

test("keyboard only: sign in, find an order, advance it, and advance it again with a note the customer reads", async ({
  page,
  browser,
  request,
  server,
}) => {
  const kim = await placeOrderViaApi(request, { customerName: "Keyboard Kim" });
  const customer = await customerPage(browser, server.baseURL, kim.trackingPath);
  try {
    await signInWithKeyboard(page);

    // Find the order: "/" to search, Enter to go to the first match.
    await page.keyboard.press("/");
    await page.keyboard.type("kim");
    await page.keyboard.press("Enter");
    const card = orderCard(page, kim.order.id);
    await expect(card).toBeFocused();

    // "a" advances; focus follows the order into the next column.
    await page.keyboard.press("a");
    await expect(card).toHaveAttribute("data-status", "confirmed");
    await expect(card).toBeFocused();
    await expect(tracking(customer.page).currentStatus).toHaveText("Confirmed");

    // "n" advances with a note, in a labelled modal dialog that takes focus.
    await page.keyboard.press("n");
    const dialog = page.getByRole("dialog", { name: `Start preparing: order ${kim.order.code}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Note for the customer (optional)")).toBeFocused();
    await expectNoSeriousA11yViolations(page, "board with the note dialog open");
    await page.keyboard.type("Extra napkins packed");
    await page.keyboard.press("Control+Enter");
    await expect(dialog).toBeHidden();
    await expect(card).toHaveAttribute("data-status", "preparing");
    await expect(card.getByTestId("staff-note")).toHaveText(/Extra napkins packed/);
    await expect(card).toBeFocused();
    await expect(tracking(customer.page).currentStatus).toHaveText("Preparing");
    await expect(tracking(customer.page).timeline).toContainText("Extra napkins packed");

    // Enter advances too.
    await page.keyboard.press("Enter");
    await expect(card).toHaveAttribute("data-status", "ready");
    await expect(card).toBeFocused();
    await expect(tracking(customer.page).currentStatus).toHaveText("Ready");
  } finally {
    await customer.close();
  }
});

test("keyboard only: cancel an order with a required reason the customer reads; shortcuts stay out of typing", async ({
  page,
  browser,
  request,
  server,
}) => {
  // Two browsers, a long key sequence and an axe analysis: more than the default minute on a busy machine.
  test.slow();
  const carl = await placeOrderViaApi(request, { customerName: "Cancelled Carl" });
  const customer = await customerPage(browser, server.baseURL, carl.trackingPath);
  try {
    await signInWithKeyboard(page);
    await page.keyboard.press("/");
    await page.keyboard.type("carl");
    await page.keyboard.press("Enter");
    const card = orderCard(page, carl.order.id);
    await expect(card).toBeFocused();

    // Shortcut keys typed into the search field are text, not commands.
    await page.keyboard.press("/");
    await page.keyboard.type("carl /?xn");
    await expect(searchBox(page)).toHaveValue("carl /?xn");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(searchBox(page)).toHaveValue("");
    await page.keyboard.type("carl");
    await page.keyboard.press("Enter");
    await expect(card).toBeFocused();

    // "x" opens the cancel dialog; the reason is required.
    await page.keyboard.press("x");
    const cancel = page.getByRole("dialog", { name: `Cancel order ${carl.order.code}` });
    await expect(cancel).toBeVisible();
    await expect(cancel.getByLabel("Reason for the customer")).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(cancel.getByRole("button", { name: "Cancel order" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(cancel.getByRole("alert")).toContainText("Enter a reason");
    await expect(cancel.getByLabel("Reason for the customer")).toBeFocused();
    await expect(card).toHaveAttribute("data-status", "placed");

    // Escape closes without cancelling, and focus returns to the card.
    await page.keyboard.press("Escape");
    await expect(cancel).toBeHidden();
    await expect(card).toBeFocused();
    await expect(card).toHaveAttribute("data-status", "placed");

    // "?" lists the shortcuts; Escape closes the list and focus returns to the card.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Cancel the focused order");
    await expectNoSeriousA11yViolations(page, "board with the shortcuts dialog open");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await expect(card).toBeFocused();

    // "c" works as "x" does.
    await page.keyboard.press("c");
    await expect(cancel).toBeVisible();
    await page.keyboard.type("Our oven broke down tonight, sorry!");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(cancel).toBeHidden();
    await expect(card).toHaveCount(0);
    const finished = page.locator(`[data-testid="finished-order"][data-order-id="${carl.order.id}"]`);
    await expect(finished).toHaveAttribute("data-status", "cancelled");
    await expect(finished).toContainText("Our oven broke down tonight, sorry!");
    await expect(tracking(customer.page).currentStatus).toHaveText("Cancelled");
    await expect(customer.page.locator("body")).toContainText("Our oven broke down tonight, sorry!");
  } finally {
    await customer.close();
  }
});

test("a cancel decided on a stale version is refused, shown in the dialog, and can be sent again on the current one", async ({
  page,
  request,
  staff,
}) => {
  const retried = await placeOrderViaApi(request, { customerName: "Stale Stella" });
  const tooLate = await placeOrderViaApi(request, { customerName: "Late Larry" });
  // Without the stream only the 409 answer can tell this board that the orders moved on.
  await page.route("**/api/staff/events**", (route) => route.abort());
  await loginAsStaff(page);

  await orderCard(page, retried.order.id).getByRole("button", { name: "Cancel" }).click();
  const dialog = page.getByRole("dialog", { name: `Cancel order ${retried.order.code}` });
  await expect(dialog).toContainText("now Placed");
  await advance(staff, retried.order.id, "confirmed", 1);
  await dialog.getByLabel("Reason for the customer").fill("Closing early tonight");
  await dialog.getByRole("button", { name: "Cancel order" }).click();
  await expect(dialog.getByTestId("dialog-error")).toContainText("changed by someone else");
  await expect(dialog).toContainText("now Confirmed");
  await expect(dialog.getByLabel("Reason for the customer")).toHaveValue("Closing early tonight");
  await dialog.getByRole("button", { name: "Cancel order" }).click();
  await expect(dialog).toBeHidden();
  const order = await trackedOrder(request, retried.token);
  expect(order.status).toBe("cancelled");
  expect(order.timeline.at(-1)?.note).toBe("Closing early tonight");

  await orderCard(page, tooLate.order.id).getByRole("button", { name: "Cancel" }).click();
  const late = page.getByRole("dialog", { name: `Cancel order ${tooLate.order.code}` });
  let version = 1;
  for (const to of ["confirmed", "preparing", "ready"] as const) version = (await advance(staff, tooLate.order.id, to, version)).version;
  await late.getByLabel("Reason for the customer").fill("Too late for this");
  await late.getByRole("button", { name: "Cancel order" }).click();
  await expect(late.getByRole("alert").filter({ hasText: "can no longer be cancelled" })).toBeVisible();
  await expect(late.getByRole("button", { name: "Cancel order" })).toBeDisabled();
  await late.getByRole("button", { name: "Keep the order" }).click();
  await expect(late).toBeHidden();
  await expect(orderCard(page, tooLate.order.id)).toHaveAttribute("data-status", "ready");
  expect((await trackedOrder(request, tooLate.token)).status).toBe("ready");
});

test("arrow keys move between cards and columns, and focus moves on when the focused order leaves", async ({
  page,
  request,
  staff,
}) => {
  const first = await placeOrderViaApi(request, { customerName: "Arrow First" });
  const second = await placeOrderViaApi(request, { customerName: "Arrow Second" });
  const third = await placeOrderViaApi(request, { customerName: "Arrow Third" });
  await advance(staff, third.order.id, "confirmed", 1);

  // The search keeps the demo seed's orders out of the way.
  await signInWithKeyboard(page);
  await page.keyboard.press("/");
  await page.keyboard.type("arrow");
  await expect(cards(page)).toHaveCount(3);
  await page.keyboard.press("Enter");
  await expect(orderCard(page, first.order.id)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(orderCard(page, second.order.id)).toBeFocused();
  // From nowhere (a click on plain text leaves focus on the page), an arrow comes back to that card.
  await page.getByRole("heading", { name: "Open orders" }).click();
  await expect(orderCard(page, second.order.id)).not.toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(orderCard(page, second.order.id)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(orderCard(page, third.order.id)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(orderCard(page, first.order.id)).toBeFocused();
  await page.keyboard.press("End");
  await expect(orderCard(page, second.order.id)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(orderCard(page, first.order.id)).toBeFocused();

  // Someone else cancels the focused order: focus goes to the card that took its place.
  const cancelled = await staff.post(`/api/staff/orders/${first.order.id}/transitions`, {
    data: { to: "cancelled", expectedVersion: 1, note: "Duplicate order" },
  });
  expect(cancelled.status()).toBe(200);
  await expect(orderCard(page, first.order.id)).toHaveCount(0);
  await expect(orderCard(page, second.order.id)).toBeFocused();
});

test("a new order stays highlighted until someone looks at it, and is announced", async ({ page, request }) => {
  // The page's timers run on Playwright's clock, so the wait below need not be real seconds.
  await page.clock.install();
  await signInWithKeyboard(page);
  const placed = await placeOrderViaApi(request, { customerName: "Nora Smith" });
  const card = orderCard(page, placed.order.id);
  await expect(card).toHaveAttribute("data-new", "true");
  await expect(card.getByText("New", { exact: true })).toBeVisible();
  await expect(page.getByTestId("board-announcer")).toHaveText(`New order ${placed.order.code} from Nora Smith.`);
  await expect(page.getByTestId("unseen-count")).toContainText("1 new");

  // The old board dropped the highlight after 6 s; now it waits for a person.
  await page.clock.runFor(7_000);
  await expect(card).toHaveAttribute("data-new", "true");

  await page.getByTestId("unseen-count").click();
  await expect(card).toBeFocused();
  await expect(card).not.toHaveAttribute("data-new", "true");
  await expect(card.getByText("New", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("unseen-count")).toHaveCount(0);
});

test("the sign-in page has no serious accessibility violations, light or dark", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/staff/login");
  await expectNoSeriousA11yViolations(page, "staff sign-in, light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yViolations(page, "staff sign-in, dark");
});

test("the board has no serious accessibility violations, light or dark, with a new order and a filter", async ({ page, request, staff }) => {
  // Three axe analyses of the whole board: more than the default minute on a busy machine.
  test.slow();
  const noted = await placeOrderViaApi(request, { customerName: "Contrast Carla", note: "Gluten free, please" });
  const confirmed = await staff.post(`/api/staff/orders/${noted.order.id}/transitions`, {
    data: { to: "confirmed", expectedVersion: 1, note: "Confirmed: ten minutes late" },
  });
  expect(confirmed.status()).toBe(200);
  await page.emulateMedia({ colorScheme: "light" });
  await signInWithKeyboard(page);
  await expect(orderCard(page, noted.order.id).getByTestId("staff-note")).toBeVisible();
  const arriving = await placeOrderViaApi(request, { customerName: "Highlighted Hal" });
  await expect(orderCard(page, arriving.order.id)).toHaveAttribute("data-new", "true");
  await expectNoSeriousA11yViolations(page, "staff board, light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yViolations(page, "staff board, dark");
  await page.getByRole("checkbox", { name: "Has a note" }).check();
  await expectNoSeriousA11yViolations(page, "staff board filtered, dark");
});
