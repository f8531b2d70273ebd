/**
 * The app works at whatever address the customer and the staff use, not only at `localhost`:
 * `127.0.0.1`, and a second address of the machine (the LAN address a kitchen tablet on the
 * shop's Wi-Fi would use). Each address is its own origin to the browser, so the cross-site
 * check, the tracking links and the live streams must all follow the request's own origin.
 */
import os from "node:os";
import { expect, test } from "./fixtures/test";
import { STAFF, orderCard, tracking, trackedOrder } from "./fixtures/helpers";

/** A non-loopback IPv4 address of this machine; on a machine with none, another loopback address. */
function secondAddress(): string {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((info) => info !== undefined && info.family === "IPv4" && !info.internal);
  // Linux answers on all of 127.0.0.0/8: still a different host, and so a different origin.
  return external?.address ?? "127.0.0.2";
}

for (const host of ["127.0.0.1", secondAddress()]) {
  test(`at http://${host}: a customer orders, staff sign in and advance it, the customer sees it live`, async ({ browser, server, request }) => {
    const origin = `http://${host}:${server.port}`;

    const customer = await browser.newContext({ baseURL: origin });
    const page = await customer.newPage();
    await page.goto("/order");
    await page.getByLabel("Your name").fill("Grace Hopper");
    await page.getByLabel("Margherita pizza", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page).toHaveURL(new RegExp(`^${origin.replaceAll(".", "\\.")}/track/[^/?#]+$`));
    const token = new URL(page.url()).pathname.split("/").pop() ?? "";
    const order = await trackedOrder(request, token);
    const { currentStatus, badge } = tracking(page);
    await expect(currentStatus).toHaveText("Placed");
    await expect(badge).toHaveAttribute("data-state", "live");

    // The link the API hands out names the address the client used.
    const placed = await customer.request.post("/api/orders", {
      data: { customerName: "Alan", items: [{ name: "Tea", quantity: 1 }] },
      headers: { origin, "sec-fetch-site": "same-origin" },
    });
    expect(placed.status(), await placed.text()).toBe(201);
    expect(((await placed.json()) as { trackingUrl: string }).trackingUrl).toMatch(new RegExp(`^${origin.replaceAll(".", "\\.")}/track/`));

    const kitchen = await browser.newContext({ baseURL: origin });
    const board = await kitchen.newPage();
    await board.goto("/staff/login");
    await board.getByLabel("Email").fill(STAFF.email);
    await board.getByLabel("Password").fill(STAFF.password);
    await board.getByRole("button", { name: "Sign in" }).click();
    await expect(board).toHaveURL(/\/staff\/?$/);
    await orderCard(board, order.id).getByRole("button", { name: "Confirm", exact: true }).click();

    await expect(currentStatus).toHaveText("Confirmed");
    await expect(orderCard(board, order.id).getByRole("button", { name: "Start preparing", exact: true })).toBeVisible();
    await kitchen.close();
    await customer.close();
  });
}
