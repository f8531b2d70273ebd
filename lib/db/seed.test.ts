import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STAFF } from "@/lib/auth/default-staff";
import { authenticateStaff } from "@/lib/auth/session";
import { db } from "./client";
import { seedIfEmpty } from "./seed";
import { useFreshDatabase } from "./testing";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
});
afterAll(() => cleanup());

describe("seedIfEmpty", () => {
  it("creates the documented staff account and demo orders in different statuses", async () => {
    const lines: string[] = [];
    await seedIfEmpty((line) => lines.push(line));
    expect(await authenticateStaff(DEFAULT_STAFF.email, DEFAULT_STAFF.password)).toMatchObject({
      email: DEFAULT_STAFF.email,
    });
    const orders = await db().order.findMany({ include: { events: true } });
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(3);
    // Demo orders are real: every status change is in the event log.
    for (const order of orders) expect(order.events).toHaveLength(order.version);
    expect(lines.join("\n")).toMatch(/default password/);
  });

  it("leaves a database that has data alone", async () => {
    const before = await db().orderEvent.count();
    await seedIfEmpty(() => {});
    expect(await db().orderEvent.count()).toBe(before);
    expect(await db().staffUser.count()).toBe(1);
  });
});
