import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { getTrackingSnapshot, listStaffOrders, resolveTrackingStream } from "./queries";
import { createOrder, transitionOrder } from "./service";
import { DEFAULT_STAGE_MS } from "./eta-defaults";
import { OPEN_STATUSES, type OrderStatus } from "./status";

let cleanup: () => Promise<void>;
let actorId: string;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  ({ id: actorId } = await upsertStaffUser(db(), { email: "a@example.com", name: "A", password: "pw-123456" }));
});
afterAll(() => cleanup());

async function orderAt(path: OrderStatus[]) {
  const placed = await createOrder({ customerName: "Q", items: [{ name: "Soup", quantity: 1 }] });
  let version = 1;
  for (const to of path) {
    const result = await transitionOrder({ orderId: placed.order.id, to, expectedVersion: version, actor: { kind: "staff", id: actorId, name: "A" } });
    if (!result.ok) throw new Error(result.reason);
    version = result.order.version;
  }
  return placed;
}

async function maxEventId(): Promise<number> {
  return (await db().orderEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
}

describe("getTrackingSnapshot", () => {
  it("returns the order's timeline and the global cursor, not the order's own last id", async () => {
    const mine = await orderAt(["confirmed"]);
    await orderAt(["confirmed", "preparing"]);
    const snapshot = await getTrackingSnapshot(mine.trackingToken);
    expect(snapshot?.order.timeline.map((e) => e.status)).toEqual(["placed", "confirmed"]);
    // Resuming from the order's own last id would be correct too, but the global cursor is what
    // the invariant promises: everything up to it is in the render, nothing after it is.
    expect(snapshot?.cursor).toBe(await maxEventId());
    expect(snapshot!.cursor).toBeGreaterThan(snapshot!.order.timeline.at(-1)!.eventId);
  });

  it("carries each stage's expected duration (defaults while out_for_delivery has no history) and its read time", async () => {
    const before = Date.now();
    const { trackingToken } = await orderAt([]);
    const snapshot = await getTrackingSnapshot(trackingToken);
    expect(Object.keys(snapshot?.eta.stages ?? {})).toEqual([...OPEN_STATUSES]);
    expect(snapshot?.eta.stages.out_for_delivery).toEqual({
      expectedMs: DEFAULT_STAGE_MS.out_for_delivery,
      samples: 0,
      learned: false,
    });
    expect(snapshot?.readAt).toBeGreaterThanOrEqual(before);
  });

  it("answers null for an unknown token", async () => {
    expect(await getTrackingSnapshot("x".repeat(32))).toBeNull();
  });

  it("answers null for a token no order can have, NUL included (an error on PostgreSQL if queried)", async () => {
    for (const token of ["\u0000", "a\u0000".repeat(16), "", "x".repeat(33), "%zz"]) {
      expect(await getTrackingSnapshot(token)).toBeNull();
    }
  });
});

describe("resolveTrackingStream", () => {
  it("opens a stream for an order in progress, whatever the cursor", async () => {
    const { order, trackingToken } = await orderAt(["confirmed"]);
    expect(await resolveTrackingStream(trackingToken, null)).toEqual({ kind: "open", orderId: order.id });
    expect(await resolveTrackingStream(trackingToken, 10_000)).toEqual({ kind: "open", orderId: order.id });
  });

  it("says finished only when the order is over and the client has its last event", async () => {
    const { order, trackingToken } = await orderAt(["cancelled"]);
    const last = (await db().orderEvent.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { id: "desc" } })).id;
    expect(await resolveTrackingStream(trackingToken, last)).toEqual({ kind: "finished" });
    expect(await resolveTrackingStream(trackingToken, last + 5)).toEqual({ kind: "finished" });
    expect(await resolveTrackingStream(trackingToken, last - 1)).toEqual({ kind: "open", orderId: order.id });
    expect(await resolveTrackingStream(trackingToken, null)).toEqual({ kind: "open", orderId: order.id });
  });

  it("answers not_found for a token no order can have, NUL included", async () => {
    expect(await resolveTrackingStream("y\u0000".repeat(16), null)).toEqual({ kind: "not_found" });
  });

  it("answers not_found for an unknown token", async () => {
    expect(await resolveTrackingStream("y".repeat(32), null)).toEqual({ kind: "not_found" });
  });
});

describe("looking an order up by its tracking link", () => {
  const lookups = async (token: string) => ({
    snapshot: (await getTrackingSnapshot(token))?.order.id ?? null,
    stream: await resolveTrackingStream(token, null),
  });
  const nothing = { snapshot: null, stream: { kind: "not_found" } };

  it("opens the order with its token and with nothing else the order shows or stores", async () => {
    const { order, trackingToken } = await orderAt([]);
    expect(await lookups(trackingToken)).toEqual({ snapshot: order.id, stream: { kind: "open", orderId: order.id } });
    const stored = await db().order.findUniqueOrThrow({ where: { id: order.id } });
    const last = trackingToken.at(-1) === "A" ? "B" : "A";
    const nearMisses = [
      order.code,
      order.code.toLowerCase(),
      order.id,
      stored.trackingTokenHash,
      trackingToken.slice(0, -1),
      trackingToken.slice(0, -1) + last,
      `${trackingToken}A`,
      `${trackingToken} `,
      ` ${trackingToken}`,
      `${trackingToken}=`,
      trackingToken.toUpperCase() === trackingToken ? trackingToken.toLowerCase() : trackingToken.toUpperCase(),
      encodeURIComponent(trackingToken).replace(/[A-Za-z]/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    ];
    for (const guess of nearMisses) expect(await lookups(guess), guess).toEqual(nothing);
  });

  it("answers every malformed token exactly as an unknown one, without ever throwing", async () => {
    await orderAt([]);
    const hostile = [
      "A".repeat(32),
      "",
      "a",
      "x".repeat(33),
      "x".repeat(100_000),
      "../../etc/passwd",
      "%00",
      "\0",
      "abc\0def",
      "\uD800",
      "\uDFFF\uD800",
      "' OR '1'='1",
      '"; DROP TABLE "Order"; --',
      "🍕".repeat(16),
      "\u202Etoken",
      "\r\n\t",
      "*",
      "%",
    ];
    for (const token of hostile) expect(await lookups(token), JSON.stringify(token.slice(0, 40))).toEqual(nothing);
  });
});

describe("listStaffOrders", () => {
  it("lists open orders by default, finished ones on request, and filters by status", async () => {
    const ready = await orderAt(["confirmed", "preparing", "ready"]);
    const delivered = await orderAt(["confirmed", "preparing", "ready", "out_for_delivery", "delivered"]);
    const open = await listStaffOrders();
    const ids = open.orders.map((o) => o.id);
    expect(ids).toContain(ready.order.id);
    expect(ids).not.toContain(delivered.order.id);
    expect(open.orders.every((o) => o.status !== "delivered" && o.status !== "cancelled")).toBe(true);
    expect(open.cursor).toBe(await maxEventId());

    const all = await listStaffOrders({ includeFinished: true });
    expect(all.orders.map((o) => o.id)).toContain(delivered.order.id);

    const onlyReady = await listStaffOrders({ status: ["ready"] });
    expect(onlyReady.orders.map((o) => o.status)).toEqual(onlyReady.orders.map(() => "ready"));
    expect(onlyReady.orders.map((o) => o.id)).toContain(ready.order.id);
  });

  it("names the staff member behind each step", async () => {
    const { order } = await orderAt(["confirmed"]);
    const listed = (await listStaffOrders()).orders.find((o) => o.id === order.id);
    expect(listed?.timeline.map((e) => e.actor?.name ?? null)).toEqual([null, "A"]);
  });
});
