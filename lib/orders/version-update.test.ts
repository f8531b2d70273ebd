import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { testProvider, useFreshDatabase } from "@/test/support/databases";
import { createOrder, transitionOrder } from "./service";
import { advanceOrderVersion } from "./version-update";

let cleanup: () => Promise<void>;
let actor: { id: string; name: string };

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  const { id } = await upsertStaffUser(db(), { email: "cook@example.com", name: "Cook", password: "pw-123456" });
  actor = { id, name: "Cook" };
});
afterAll(() => cleanup());

const pizza = { customerName: "Ada", items: [{ name: "Margherita pizza", quantity: 1 }] };

/** A stored value's text with its digits masked: "2026-12-07T21:20:00.123+00:00" → "dddd-dd-ddTdd:dd:dd.ddd+dd:dd". */
async function storedShapes(orderId: string): Promise<{ createdAt: string; updatedAt: string; at: string[] }> {
  const rows = await db().$queryRaw<{ createdAt: string; updatedAt: string; at: string }[]>`
    SELECT CAST(o."createdAt" AS TEXT) AS "createdAt", CAST(o."updatedAt" AS TEXT) AS "updatedAt", CAST(e."at" AS TEXT) AS "at"
      FROM "Order" o JOIN "OrderEvent" e ON e."orderId" = o."id" WHERE o."id" = ${orderId} ORDER BY e."id"`;
  const mask = (text: string) => text.replace(/\d/g, "d");
  return { createdAt: mask(rows[0]?.createdAt ?? ""), updatedAt: mask(rows[0]?.updatedAt ?? ""), at: rows.map((row) => mask(row.at)) };
}

describe("the raw status-change writes", () => {
  it("store their times exactly as Prisma's own writes do, and read back through the model as the same instants", async () => {
    const { order } = await createOrder(pizza);
    const result = await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor });
    if (!result.ok) throw new Error(`transition refused: ${result.reason}`);

    const row = await db().order.findUniqueOrThrow({ where: { id: order.id }, include: { events: { orderBy: { id: "asc" } } } });
    expect(row.updatedAt.toISOString()).toBe(result.order.updatedAt);
    expect(row.events.map((event) => event.at.toISOString())).toEqual(result.order.timeline.map((event) => event.at));
    // SQLite keeps a DateTime as text and compares it as text: one format, or ranges and sorting break.
    // (PostgreSQL keeps a timestamp, whose text drops trailing zeros, so its shapes may differ.)
    if (testProvider() === "sqlite") {
      const shapes = await storedShapes(order.id);
      expect(shapes.createdAt).toBe("dddd-dd-ddTdd:dd:dd.ddd+dd:dd");
      expect(shapes).toEqual({ createdAt: shapes.createdAt, updatedAt: shapes.createdAt, at: [shapes.createdAt, shapes.createdAt] });
    }
  });

  it("advance only the version they were decided on", async () => {
    const { order } = await createOrder(pizza);
    const change = { orderId: order.id, expectedVersion: 1, status: "confirmed", updatedAt: new Date() };
    expect(await advanceOrderVersion(db(), change)).toBe(true);
    expect(await advanceOrderVersion(db(), { ...change, status: "preparing" })).toBe(false);
    expect(await advanceOrderVersion(db(), { ...change, orderId: "no-such-order" })).toBe(false);
    expect(await db().order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "confirmed", version: 2 });
  });
});
