import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { testProvider, useFreshDatabase } from "@/test/support/databases";
import { appendEvent } from "./event-log/append";
import { defaultEventLog } from "./event-log/log";
import { inProcessWakeSource } from "./event-log/signal";
import { createOrder, transitionCommitStats, transitionOrder } from "./service";
import { advanceOrderVersion } from "./version-update";
import { orderInclude, orderRowOf, toStaffOrderView } from "./view";
import type { Actor } from "./types";

let cleanup: () => Promise<void>;
let actorId: string;
let actor: Actor;
let wakes = 0;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  ({ id: actorId } = await upsertStaffUser(db(), { email: "cook@example.com", name: "Cook", password: "pw-123456" }));
  actor = { kind: "staff", id: actorId, name: "Cook" };
  inProcessWakeSource.subscribe(() => wakes++);
});
afterAll(() => cleanup());
beforeEach(() => {
  wakes = 0;
});

const pizza = { customerName: "Ada", items: [{ name: "Margherita pizza", quantity: 2 }] };

async function eventsOf(orderId: string) {
  return db().orderEvent.findMany({ where: { orderId }, orderBy: { id: "asc" } });
}

describe("createOrder", () => {
  it("writes the order and its order.created event together and wakes the hub", async () => {
    const { order, trackingToken } = await createOrder({ ...pizza, note: "Extra basil" });
    expect(order).toMatchObject({ status: "placed", version: 1, customerName: "Ada", note: "Extra basil" });
    expect(order.items).toEqual(pizza.items);
    expect(order.code).toMatch(/^[A-Z0-9]{5}$/);
    expect(trackingToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const events = await eventsOf(order.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "order.created", status: "placed", previousStatus: null, version: 1 });
    expect(order.timeline.map((entry) => entry.eventId)).toEqual([events[0]!.id]);
    expect(wakes).toBe(1);
  });

  it("gives every order its own code and token", async () => {
    const orders = await Promise.all(Array.from({ length: 20 }, () => createOrder(pizza)));
    expect(new Set(orders.map((o) => o.order.code)).size).toBe(20);
    expect(new Set(orders.map((o) => o.trackingToken)).size).toBe(20);
  });
});

describe("transitionOrder", () => {
  it("advances one step, bumps the version and records who did it", async () => {
    const { order } = await createOrder(pizza);
    const result = await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor, note: "On it" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order).toMatchObject({ status: "confirmed", version: 2 });
    const last = result.order.timeline.at(-1);
    expect(last).toMatchObject({ status: "confirmed", previousStatus: "placed", version: 2, note: "On it" });
    expect(last?.actor).toEqual({ kind: "staff", id: actorId, name: "Cook" });
    expect(wakes).toBe(2);
  });

  it("answers with exactly the order a fresh read returns (it is built without reading back)", async () => {
    const { order } = await createOrder(pizza);
    const result = await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor, note: "On it" });
    const fresh = await db().order.findUniqueOrThrow({ where: { id: order.id }, include: orderInclude });
    expect(result).toEqual({ ok: true, order: toStaffOrderView(orderRowOf(fresh)), eventId: fresh.events.at(-1)?.id });
  });

  it("refuses a stale version with the current order and writes nothing", async () => {
    const { order } = await createOrder(pizza);
    await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor });
    const stale = await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor });
    expect(stale).toMatchObject({ ok: false, reason: "stale_version", order: { status: "confirmed", version: 2 } });
    expect(await eventsOf(order.id)).toHaveLength(2);
  });

  it("refuses an illegal transition and writes nothing", async () => {
    const { order } = await createOrder(pizza);
    const result = await transitionOrder({ orderId: order.id, to: "delivered", expectedVersion: 1, actor });
    expect(result).toMatchObject({ ok: false, reason: "illegal_transition", order: { status: "placed", version: 1 } });
    expect(await eventsOf(order.id)).toHaveLength(1);
    expect(wakes).toBe(1);
  });

  it("answers not_found for an unknown order", async () => {
    expect(await transitionOrder({ orderId: "nope", to: "confirmed", expectedVersion: 1, actor })).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  it("answers not_found for an id no order can have, NUL included (an error on PostgreSQL if queried)", async () => {
    for (const orderId of ["\u0000", "00000000-0000-0000-0000-00000000000\u0000", ""]) {
      expect(await transitionOrder({ orderId, to: "confirmed", expectedVersion: 1, actor })).toEqual({ ok: false, reason: "not_found" });
    }
  });

  it("lets exactly one of many concurrent identical transitions win", async () => {
    const { order } = await createOrder(pizza);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "stale_version")).toHaveLength(7);
    const events = await eventsOf(order.id);
    expect(events.map((e) => e.status)).toEqual(["placed", "confirmed"]);
  });

  it("rolls back the status change when the event cannot be written (the log is the truth)", async () => {
    const { order } = await createOrder(pizza);
    // An actor that does not exist violates the event's foreign key after the order row was updated.
    await expect(
      transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor: { kind: "staff", id: "no-such-staff", name: "Ghost" } }),
    ).rejects.toThrow();
    const fresh = await db().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(fresh).toMatchObject({ status: "placed", version: 1 });
    expect(await eventsOf(order.id)).toHaveLength(1);
    expect(wakes).toBe(1);
  });

  it("commits concurrent changes to many orders, each on its own terms, and one's error is its own", async () => {
    const orders = await Promise.all(Array.from({ length: 12 }, () => createOrder(pizza).then((placed) => placed.order)));
    const before = { ...transitionCommitStats() };
    wakes = 0;
    const results = await Promise.allSettled(
      orders.map((order, i) =>
        transitionOrder({
          orderId: order.id,
          to: i === 5 ? "delivered" : "confirmed",
          expectedVersion: i === 7 ? 9 : 1,
          // An actor that does not exist fails this change's event insert (a foreign key).
          actor: i === 9 ? { kind: "staff", id: "no-such-staff", name: "Ghost" } : actor,
        }),
      ),
    );
    const outcome = results.map((r) => (r.status === "rejected" ? "error" : r.value.ok ? "ok" : r.value.reason));
    expect(outcome).toEqual(["ok", "ok", "ok", "ok", "ok", "illegal_transition", "ok", "stale_version", "ok", "error", "ok", "ok"]);
    for (const [i, order] of orders.entries()) {
      const statuses = (await eventsOf(order.id)).map((e) => e.status);
      expect(statuses).toEqual(outcome[i] === "ok" ? ["placed", "confirmed"] : ["placed"]);
      expect((await db().order.findUniqueOrThrow({ where: { id: order.id } })).version).toBe(outcome[i] === "ok" ? 2 : 1);
    }
    expect(wakes).toBe(9);
    if (testProvider() === "sqlite") {
      // The batch that carried the failing change rolled back and its changes went again alone.
      expect(transitionCommitStats().retriedAlone - before.retriedAlone).toBe(12);
    }
  });

  // PostgreSQL runs concurrent changes side by side on its pool instead.
  it.skipIf(testProvider() !== "sqlite")("on SQLite, changes that arrive together share one commit", async () => {
    const orders = await Promise.all(Array.from({ length: 12 }, () => createOrder(pizza).then((placed) => placed.order)));
    const before = { ...transitionCommitStats() };
    const results = await Promise.all(orders.map((order) => transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor })));
    expect(results.every((result) => result.ok)).toBe(true);
    const stats = transitionCommitStats();
    expect(stats.writes - before.writes).toBe(12);
    // Submitted in one turn of the event loop, they commit in one transaction.
    expect(stats.transactions - before.transactions).toBe(1);
    const ids = (await Promise.all(orders.map((order) => eventsOf(order.id)))).map((events) => events[1]?.id);
    expect(new Set(ids).size).toBe(12);
  });

  it("the process's event log sees an event only once its transaction has committed (never one rolled back)", async () => {
    const { order } = await createOrder(pizza);
    const log = defaultEventLog();
    const before = await log.latestEventId();
    let seenInside = -1;
    await expect(
      db().$transaction(async (tx) => {
        await appendEvent(tx, { orderId: order.id, type: "order.status", status: "confirmed", previousStatus: "placed", version: 2 }, testProvider());
        // What a hub poll that fires in the middle of a batch of changes would read.
        seenInside = (await log.readEventsAfter(before, 10)).length;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(seenInside).toBe(0);
    expect(await log.readEventsAfter(before, 10)).toEqual([]);
  });

  it("gives events increasing ids in commit order", async () => {
    const { order } = await createOrder(pizza);
    let version = 1;
    for (const to of ["confirmed", "preparing", "ready", "out_for_delivery", "delivered"] as const) {
      const result = await transitionOrder({ orderId: order.id, to, expectedVersion: version, actor });
      if (!result.ok) throw new Error(result.reason);
      version = result.order.version;
    }
    const ids = (await eventsOf(order.id)).map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(6);
  });
});

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
