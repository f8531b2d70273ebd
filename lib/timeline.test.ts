import { describe, expect, it } from "vitest";
import type { OrderEventPayload, OrderView, StaffEventPayload } from "@/lib/orders/types";
import type { OrderStatus } from "@/lib/orders/status";
import { applyOrderEvent, applyStaffEvent, lastAppliedEventId, newerOrder, staffOrderFromEvent } from "./timeline";

function event(eventId: number, status: OrderStatus, version: number, orderId = "o1"): OrderEventPayload {
  return {
    eventId,
    orderId,
    code: "A7K2Q",
    status,
    previousStatus: null,
    version,
    at: new Date(Date.UTC(2026, 10, 22, 12, 0, eventId)).toISOString(),
    note: null,
  };
}

function order(timeline: OrderEventPayload[]): OrderView {
  const last = timeline[timeline.length - 1] ?? event(1, "placed", 1);
  return {
    id: "o1",
    code: "A7K2Q",
    customerName: "Ana",
    items: [{ name: "Fries", quantity: 1 }],
    note: null,
    status: last.status,
    version: last.version,
    createdAt: "2026-11-22T12:00:00.000Z",
    updatedAt: last.at,
    timeline,
  };
}

describe("applyOrderEvent", () => {
  it("appends a newer event and takes its status, version and time", () => {
    const next = applyOrderEvent(order([event(3, "placed", 1)]), event(7, "confirmed", 2));
    expect(next.status).toBe("confirmed");
    expect(next.version).toBe(2);
    expect(next.updatedAt).toBe(event(7, "confirmed", 2).at);
    expect(next.timeline.map((e) => e.eventId)).toEqual([3, 7]);
  });

  it("ignores an event it already has, returning the same object", () => {
    const current = order([event(3, "placed", 1), event(7, "confirmed", 2)]);
    expect(applyOrderEvent(current, event(7, "confirmed", 2))).toBe(current);
  });

  it("ignores an event older than the last applied one (a replay after reconnect)", () => {
    const current = order([event(3, "placed", 1), event(7, "confirmed", 2)]);
    expect(applyOrderEvent(current, event(5, "placed", 1))).toBe(current);
  });

  it("ignores events of other orders", () => {
    const current = order([event(3, "placed", 1)]);
    expect(applyOrderEvent(current, event(9, "confirmed", 2, "o2"))).toBe(current);
  });

  it("is idempotent over a stream that repeats itself", () => {
    const stream = [event(4, "confirmed", 2), event(4, "confirmed", 2), event(6, "preparing", 3), event(4, "confirmed", 2)];
    const once = stream.reduce(applyOrderEvent, order([event(3, "placed", 1)]));
    const twice = stream.reduce(applyOrderEvent, once);
    expect(twice).toBe(once);
    expect(once.timeline.map((e) => e.eventId)).toEqual([3, 4, 6]);
    expect(once.status).toBe("preparing");
    expect(once.version).toBe(3);
  });

  it("keeps the timeline sorted even when the snapshot's was not", () => {
    const next = applyOrderEvent(order([event(4, "confirmed", 2), event(3, "placed", 1)]), event(8, "preparing", 3));
    expect(next.timeline.map((e) => e.eventId)).toEqual([3, 4, 8]);
  });

  it("does not roll the status back for an event with an older version", () => {
    const current = { ...order([event(3, "placed", 1)]), status: "preparing" as const, version: 3 };
    const next = applyOrderEvent(current, event(4, "confirmed", 2));
    expect(next.status).toBe("preparing");
    expect(next.version).toBe(3);
    expect(next.timeline.map((e) => e.eventId)).toEqual([3, 4]);
  });
});

describe("lastAppliedEventId / newerOrder", () => {
  it("reads the highest event id, 0 for none", () => {
    expect(lastAppliedEventId({ timeline: [] })).toBe(0);
    expect(lastAppliedEventId(order([event(9, "placed", 1), event(2, "placed", 1)]))).toBe(9);
  });

  it("prefers the copy with more events applied", () => {
    const a = order([event(3, "placed", 1)]);
    const b = order([event(3, "placed", 1), event(5, "confirmed", 2)]);
    expect(newerOrder(a, b)).toBe(b);
    expect(newerOrder(b, a)).toBe(b);
    expect(newerOrder(undefined, a)).toBe(a);
  });
});

describe("staff events", () => {
  const created: StaffEventPayload = {
    ...event(10, "placed", 1, "o9"),
    type: "order.created",
    actor: null,
    customerName: "Bo",
    items: [{ name: "Lemonade", quantity: 2 }],
    orderNote: "No ice",
    createdAt: "2026-11-22T12:00:10.000Z",
    externalId: "till-1042",
    source: "Till 2",
  };

  it("builds an unknown order from its event", () => {
    const built = staffOrderFromEvent(created);
    expect(built).toMatchObject({
      id: "o9",
      code: "A7K2Q",
      customerName: "Bo",
      note: "No ice",
      status: "placed",
      version: 1,
      externalId: "till-1042",
      source: "Till 2",
    });
    expect(built.timeline).toEqual([{ ...event(10, "placed", 1, "o9"), actor: null }]);
  });

  it("applies later events with their actor and ignores repeats", () => {
    const confirmed: StaffEventPayload = {
      ...created,
      ...event(11, "confirmed", 2, "o9"),
      type: "order.status",
      previousStatus: "placed",
      actor: { kind: "staff", id: "s1", name: "Sam" },
    };
    const first = applyStaffEvent(applyStaffEvent(undefined, created), confirmed);
    expect(first.status).toBe("confirmed");
    expect(first.timeline[1]?.actor).toEqual({ kind: "staff", id: "s1", name: "Sam" });
    expect(applyStaffEvent(first, confirmed)).toBe(first);
    expect(applyStaffEvent(first, created)).toBe(first);
  });
});
