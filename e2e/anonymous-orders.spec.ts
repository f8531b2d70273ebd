/**
 * Anonymous ordering (the /order page, keyless POST /api/orders) is a setting: off by default for
 * `npm start`, and where it is on, limited per client address, so a flood is refused (429 with
 * Retry-After) while staff go on running the board.
 */
import { expect, test } from "./fixtures/test";
import { loginAsStaff, orderCard, placeOrderViaApi } from "./fixtures/helpers";
import { AppServer } from "./fixtures/server";

const pizza = { customerName: "Flood", items: [{ name: "Margherita pizza", quantity: 1 }] };

test("npm start's default refuses orders without a key, and the order page says so until staff sign in", async ({ browser, database, playwright }) => {
  // Unset, as `npm start` runs it (the suite's own servers turn it on).
  const server = await AppServer.launch("A", database, { TRACKER_ANONYMOUS_ORDERS: "" });
  const api = await playwright.request.newContext({ baseURL: server.baseURL });
  const context = await browser.newContext({ baseURL: server.baseURL });
  try {
    const refused = await api.post("/api/orders", { data: pizza });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.code).toBe("unauthorized");

    const page = await context.newPage();
    await page.goto("/order");
    await expect(page.getByTestId("ordering-closed")).toBeVisible();
    await expect(page.getByRole("button", { name: "Place order" })).toHaveCount(0);

    await loginAsStaff(page);
    await page.goto("/order");
    await expect(page.getByTestId("ordering-closed")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Place order" })).toBeVisible();
  } finally {
    await context.close();
    await api.dispose();
    await server.dispose();
  }
});

test("a flood of anonymous orders is refused past the address's limit while staff run the board", async ({ browser, database, playwright }) => {
  const server = await AppServer.launch("A", database, { TRACKER_ANONYMOUS_ORDERS_PER_ADDRESS: "5" });
  const api = await playwright.request.newContext({ baseURL: server.baseURL });
  const context = await browser.newContext({ baseURL: server.baseURL });
  try {
    const staff = await context.newPage();
    await loginAsStaff(staff);
    // Placed by staff, so it is not one of the flood's five.
    const staffApi = await playwright.request.newContext({ baseURL: server.baseURL, storageState: await context.storageState() });
    const order = await placeOrderViaApi(staffApi, { customerName: "Regular" });
    await staffApi.dispose();
    await expect(orderCard(staff, order.order.id)).toBeVisible();

    let flooding = true;
    const statuses: number[] = [];
    const retryAfters = new Set<string>();
    const flood = Promise.all(
      Array.from({ length: 16 }, async () => {
        while (flooding) {
          const answer = await api.post("/api/orders", { data: pizza });
          statuses.push(answer.status());
          if (answer.status() === 429) retryAfters.add(answer.headers()["retry-after"] ?? "");
        }
      }),
    );
    await expect.poll(() => statuses.length).toBeGreaterThan(200);

    // Mid-flood, the board still answers a click at once.
    const started = Date.now();
    await orderCard(staff, order.order.id).getByRole("button", { name: "Confirm", exact: true }).click();
    await expect(orderCard(staff, order.order.id)).toHaveAttribute("data-status", "confirmed");
    const clickToBoard = Date.now() - started;
    await expect.poll(() => statuses.length).toBeGreaterThan(500);
    flooding = false;
    await flood;

    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status !== 201 && status !== 429)).toEqual([]);
    expect([...retryAfters].every((seconds) => Number(seconds) > 0)).toBe(true);
    // A button press on a board nobody is flooding takes well under a second here.
    expect(clickToBoard).toBeLessThan(5_000);
    await expect(staff.getByTestId("order-card").filter({ hasText: "Flood" })).toHaveCount(5);
  } finally {
    await context.close();
    await api.dispose();
    await server.dispose();
  }
});
