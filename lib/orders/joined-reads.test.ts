import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { upsertStaffUser } from "@/lib/auth/staff";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { readLogAfter, readOrderEventsAfter, readOrderWithEvents, readTrackingTarget } from "./joined-reads";
import { createOrder, transitionOrder } from "./service";
import { eventActor, orderInclude, orderRowOf, type EventRow } from "./view";

// What Prisma's `include` reads load (several statements each): the joins must give the same rows.
const eventInclude = {
  order: {
    select: { code: true, customerName: true, items: true, note: true, createdAt: true, externalId: true, sourceKey: { select: { name: true } } },
  },
  actor: { select: { id: true, name: true } },
  apiKey: { select: { id: true, name: true } },
} as const satisfies Prisma.OrderEventInclude;

function eventRowOf({ order: { sourceKey, ...order }, actor, apiKey, ...event }: Prisma.OrderEventGetPayload<{ include: typeof eventInclude }>): EventRow {
  return { ...event, order: { ...order, sourceName: sourceKey?.name ?? null }, actor: eventActor(actor, apiKey) };
}

async function includedEvents(where: Prisma.OrderEventWhereInput = {}): Promise<EventRow[]> {
  return (await db().orderEvent.findMany({ where, orderBy: { id: "asc" }, include: eventInclude })).map(eventRowOf);
}

let cleanup: () => Promise<void>;
const ids: string[] = [];

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  const { id } = await upsertStaffUser(db(), { email: "cook@example.com", name: "Cook", password: "pw-123456" });
  const actor = { kind: "staff" as const, id, name: "Cook" };
  const { summary: till } = await createApiKey(db(), { name: "Till 2", scopes: ["orders:write"] }, id);
  const viaTill = { kind: "api_key" as const, id: till.id, name: till.name };
  const plain = await createOrder({ customerName: "Ada", items: [{ name: "Margherita pizza", quantity: 2 }] });
  const noted = await createOrder({ customerName: "Bo \"Quote\" 'Tick'", items: [{ name: "Soup", quantity: 1 }], note: "No onions" });
  const untouched = await createOrder({ customerName: "Cy", items: [{ name: "Tea", quantity: 3 }] });
  await transitionOrder({ orderId: plain.order.id, to: "confirmed", expectedVersion: 1, actor });
  await transitionOrder({ orderId: noted.order.id, to: "confirmed", expectedVersion: 1, actor, note: "Ten minutes" });
  await transitionOrder({ orderId: plain.order.id, to: "preparing", expectedVersion: 2, actor: viaTill });
  await transitionOrder({ orderId: noted.order.id, to: "cancelled", expectedVersion: 2, actor, note: "Out of soup" });
  ids.push(plain.order.id, noted.order.id, untouched.order.id);
});
afterAll(() => cleanup());

describe("joined reads", () => {
  it("read the log as the include read does: same rows, same types, same order, from any cursor and up to a limit", async () => {
    const all = await includedEvents();
    expect(all).toHaveLength(7);
    expect(all.map((event) => event.actor?.kind ?? null)).toContain("api_key");
    expect(await readLogAfter(db(), 0, 100)).toEqual(all);
    const cursor = all[2]?.id ?? 0;
    expect(await readLogAfter(db(), cursor, 2)).toEqual(all.filter((event) => event.id > cursor).slice(0, 2));
    expect(await readLogAfter(db(), all[6]?.id ?? 0, 100)).toEqual([]);
  });

  it("read one order's events after a cursor, its creation included, and nothing of another order's", async () => {
    for (const orderId of ids) {
      const expected = await includedEvents({ orderId });
      expect(await readOrderEventsAfter(db(), orderId, 0)).toEqual(expected);
      const first = expected[0]?.id ?? 0;
      expect(await readOrderEventsAfter(db(), orderId, first)).toEqual(expected.slice(1));
    }
  });

  it("read an order with its events and their actors, and null for an unknown id", async () => {
    for (const id of ids) {
      expect(await readOrderWithEvents(db(), id)).toEqual(orderRowOf(await db().order.findUniqueOrThrow({ where: { id }, include: orderInclude })));
    }
    expect(await readOrderWithEvents(db(), "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("work inside a transaction", async () => {
    const order = await db().$transaction((tx) => readOrderWithEvents(tx, ids[0] as string));
    expect(order?.events.map((event) => event.status)).toEqual(["placed", "confirmed", "preparing"]);
  });

  it("read a tracking target as the include read does: id, status, newest event id; null for an unknown hash", async () => {
    const hashes: string[] = [];
    for (const id of ids) {
      const order = await db().order.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "desc" }, take: 1 } } });
      hashes.push(order.trackingTokenHash);
      expect(await readTrackingTarget(db(), order.trackingTokenHash)).toEqual({ id, status: order.status, lastEventId: order.events[0]?.id });
    }
    expect(new Set(hashes).size).toBe(ids.length);
    expect(await readTrackingTarget(db(), "0".repeat(64))).toBeNull();
  });
});
