import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STAFF } from "@/lib/auth/default-staff";
import { authenticateStaff } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { learnStageDurations } from "@/lib/orders/eta";
import { seedIfEmpty } from "./seed";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
});
afterAll(() => cleanup());

describe("seedIfEmpty", () => {
  it("creates the documented staff account, an owner, and demo orders in different statuses", async () => {
    const lines: string[] = [];
    await seedIfEmpty((line) => lines.push(line));
    expect(await authenticateStaff(DEFAULT_STAFF.email, DEFAULT_STAFF.password)).toMatchObject({
      email: DEFAULT_STAFF.email,
      role: "owner",
    });
    const orders = await db().order.findMany({ include: { events: true } });
    expect(new Set(orders.map((o) => o.status)).size).toBeGreaterThanOrEqual(3);
    // Demo orders are real: every status change is in the event log.
    for (const order of orders) expect(order.events).toHaveLength(order.version);
    expect(lines.join("\n")).toMatch(/default password/);
  });

  it("gives the demo a history, so its estimates are learned ones and its open orders have been moving", async () => {
    const { stages } = await learnStageDurations(db());
    for (const stage of Object.values(stages)) expect(stage.learned).toBe(true);
    // Yesterday's eight orders and Barbara's, who is out for delivery now: 10, 11, 12, 12, 13, 13, 14, 15, 16.
    expect(stages.preparing).toEqual({ expectedMs: 13 * 60_000, samples: 9, learned: true });
    const barbara = await db().order.findFirstOrThrow({ where: { customerName: "Barbara" }, include: { events: { orderBy: { id: "asc" } } } });
    expect(Date.now() - barbara.events[0]!.at.getTime()).toBeGreaterThanOrEqual(40 * 60_000);
    expect(barbara.createdAt).toEqual(barbara.events[0]!.at);
  });

  it("leaves a database that has data alone", async () => {
    const before = await db().orderEvent.count();
    await seedIfEmpty(() => {});
    expect(await db().orderEvent.count()).toBe(before);
    expect(await db().staffUser.count()).toBe(1);
  });
});
