/**
 * (d) Two staff members press the same button on the same order at the same moment. Optimistic
 * concurrency lets exactly one through; the other is told and shown the order's current state.
 */
import type { Page, Route } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { loginAsStaff, orderCard, placeOrderViaApi, trackedOrder } from "./fixtures/helpers";

const variants = [
  { title: "with live boards", live: true },
  // Without the staff stream only the 409 answer can bring the loser's card up to date.
  { title: "with the staff stream blocked", live: false },
];

for (const { title, live } of variants) {
  test(`two staff advance one order at once, ${title}: one wins, the other sees a conflict`, async ({
    browser,
    request,
    server,
  }) => {
    const placed = await placeOrderViaApi(request, { customerName: "Katherine Johnson" });
    const contexts = await Promise.all([1, 2].map(() => browser.newContext({ baseURL: server.baseURL })));
    try {
      const pages = await Promise.all(contexts.map((context) => context.newPage()));
      for (const staff of pages) {
        if (!live) await staff.route("**/api/staff/events**", (route) => route.abort());
        await loginAsStaff(staff);
        await expect(orderCard(staff, placed.order.id)).toHaveAttribute("data-version", "1");
      }

      // Hold each browser's POST until both have been sent, so both carry expectedVersion 1 and
      // reach the server together, however fast the first would otherwise have been answered.
      const held: Route[] = [];
      let releaseBoth: () => void = () => {};
      const bothSent = new Promise<void>((resolve) => (releaseBoth = resolve));
      const hold = async (route: Route) => {
        if (route.request().method() !== "POST") return route.fallback();
        held.push(route);
        if (held.length === 2) releaseBoth();
        await bothSent;
        await route.continue();
      };
      await Promise.all(pages.map((staff) => staff.route("**/*", hold)));
      const answers = pages.map((staff) =>
        staff.waitForResponse(
          (response) => response.request().method() === "POST" && /\/transitions$/.test(response.url()),
        ),
      );

      await Promise.all(
        pages.map((staff) =>
          orderCard(staff, placed.order.id).getByRole("button", { name: "Confirm", exact: true }).click(),
        ),
      );
      await expect.poll(() => held.length, { message: "both browsers sent their POST" }).toBe(2);
      const statuses = (await Promise.all(answers)).map((response) => response.status());
      await Promise.all(pages.map((staff) => staff.unroute("**/*", hold)));
      expect(statuses.sort()).toEqual([200, 409]);

      // Both boards end up on the one real state: confirmed, version 2, next action "Start preparing".
      for (const staff of pages) {
        const card = orderCard(staff, placed.order.id);
        await expect(card).toHaveAttribute("data-status", "confirmed");
        await expect(card).toHaveAttribute("data-version", "2");
        await expect(card.getByRole("button", { name: "Start preparing", exact: true })).toBeVisible();
      }

      // Next's route announcer is an empty role="alert" too, hence the text filter.
      const conflict = (staff: Page) => staff.getByRole("alert").filter({ hasText: /changed/ });
      const alertsShown = async () => {
        const counts = await Promise.all(pages.map((staff) => conflict(staff).count()));
        return counts.reduce((sum, n) => sum + n, 0);
      };
      await expect.poll(alertsShown).toBe(1);
      // Both answers are in; a second alert would already be on its way. Give it a moment anyway.
      await pages[0]?.waitForTimeout(300);
      expect(await alertsShown()).toBe(1);

      // Exactly one new step in the log, whoever won.
      const order = await trackedOrder(request, placed.token);
      expect(order.status).toBe("confirmed");
      expect(order.version).toBe(2);
      expect(order.timeline.map((event) => event.status)).toEqual(["placed", "confirmed"]);
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  });
}
