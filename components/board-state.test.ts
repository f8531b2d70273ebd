import { describe, expect, it } from "vitest";
import type { StaffEventPayload, StaffOrderView } from "@/lib/orders/types";
import type { OrderStatus } from "@/lib/orders/status";
import { RECENTLY_FINISHED_LIMIT, boardReducer, initialBoardState, openColumns, recentlyFinished } from "./board-state";

function payload(
  orderId: string,
  eventId: number,
  status: OrderStatus,
  version: number,
  type: StaffEventPayload["type"] = "order.status",
): StaffEventPayload {
  return {
    eventId,
    orderId,
    code: orderId.toUpperCase(),
    status,
    previousStatus: null,
    version,
    at: new Date(Date.UTC(2026, 10, 22, 12, 0, eventId)).toISOString(),
    note: null,
    type,
    actor: null,
    customerName: `Customer ${orderId}`,
    items: [{ name: "Fries", quantity: 1 }],
    orderNote: null,
    createdAt: new Date(Date.UTC(2026, 10, 22, 12, 0, eventId)).toISOString(),
    externalId: null,
    source: null,
  };
}

function created(orderId: string, eventId: number): StaffEventPayload {
  return payload(orderId, eventId, "placed", 1, "order.created");
}

describe("boardReducer", () => {
  it("adds created orders to the Placed column, oldest first", () => {
    let state = initialBoardState([]);
    state = boardReducer(state, { type: "event", payload: created("b", 2) });
    state = boardReducer(state, { type: "event", payload: created("a", 1) });
    const placed = openColumns(state).find((column) => column.status === "placed");
    expect(placed?.orders.map((order) => order.id)).toEqual(["a", "b"]);
  });

  it("moves an order between columns and ignores a duplicate event", () => {
    let state = boardReducer(initialBoardState([]), { type: "event", payload: created("a", 1) });
    state = boardReducer(state, { type: "event", payload: payload("a", 2, "confirmed", 2) });
    const again = boardReducer(state, { type: "event", payload: payload("a", 2, "confirmed", 2) });
    expect(again).toBe(state);
    const columns = openColumns(state);
    expect(columns.find((c) => c.status === "placed")?.orders).toHaveLength(0);
    expect(columns.find((c) => c.status === "confirmed")?.orders.map((o) => o.version)).toEqual([2]);
  });

  it("takes finished orders off the open columns into the recently finished list", () => {
    let state = boardReducer(initialBoardState([]), { type: "event", payload: created("a", 1) });
    state = boardReducer(state, { type: "event", payload: payload("a", 2, "cancelled", 2) });
    expect(openColumns(state).every((column) => column.orders.length === 0)).toBe(true);
    expect(recentlyFinished(state).map((order) => order.status)).toEqual(["cancelled"]);
  });

  it("keeps only a bounded number of finished orders", () => {
    let state = initialBoardState([]);
    for (let i = 1; i <= RECENTLY_FINISHED_LIMIT + 5; i++) {
      state = boardReducer(state, { type: "event", payload: created(`o${i}`, i * 10) });
      state = boardReducer(state, { type: "event", payload: payload(`o${i}`, i * 10 + 1, "cancelled", 2) });
    }
    const finished = recentlyFinished(state);
    expect(finished).toHaveLength(RECENTLY_FINISHED_LIMIT);
    expect(finished[0]?.id).toBe(`o${RECENTLY_FINISHED_LIMIT + 5}`);
  });

  it("replaces an order with a newer copy from an HTTP answer, never an older one", () => {
    let state = boardReducer(initialBoardState([]), { type: "event", payload: created("a", 1) });
    state = boardReducer(state, { type: "event", payload: payload("a", 2, "confirmed", 2) });
    const stale: StaffOrderView = { ...state.orders.a!, status: "placed", version: 1, timeline: state.orders.a!.timeline.slice(0, 1) };
    expect(boardReducer(state, { type: "replace", order: stale })).toBe(state);
    const fresh: StaffOrderView = {
      ...state.orders.a!,
      status: "preparing",
      version: 3,
      timeline: [...state.orders.a!.timeline, { ...payload("a", 5, "preparing", 3), actor: null }],
    };
    expect(boardReducer(state, { type: "replace", order: fresh }).orders.a?.status).toBe("preparing");
  });

  it("removes an order", () => {
    const state = boardReducer(initialBoardState([]), { type: "event", payload: created("a", 1) });
    expect(boardReducer(state, { type: "remove", orderId: "a" }).orders).toEqual({});
  });
});

describe("new orders", () => {
  it("are new when they arrive through the stream, not when the page loaded with them", () => {
    const loaded = initialBoardState([boardReducer(initialBoardState([]), { type: "event", payload: created("old", 1) }).orders.old!]);
    expect(loaded.unseen.size).toBe(0);
    const state = boardReducer(loaded, { type: "event", payload: created("a", 2) });
    expect([...state.unseen]).toEqual(["a"]);
  });

  it("stay new through status changes until someone looks at or acts on them", () => {
    let state = boardReducer(initialBoardState([]), { type: "event", payload: created("a", 1) });
    state = boardReducer(state, { type: "event", payload: created("b", 2) });
    state = boardReducer(state, { type: "event", payload: payload("a", 3, "confirmed", 2) });
    expect(state.unseen.has("a")).toBe(true);
    state = boardReducer(state, { type: "seen", orderId: "a" });
    expect([...state.unseen]).toEqual(["b"]);
    expect(boardReducer(state, { type: "seen", orderId: "a" })).toBe(state);
    expect(boardReducer(state, { type: "all-seen" }).unseen.size).toBe(0);
  });

  it("are not made new again by a replayed creation", () => {
    let state = boardReducer(initialBoardState([]), { type: "event", payload: created("a", 1) });
    state = boardReducer(state, { type: "seen", orderId: "a" });
    expect(boardReducer(state, { type: "event", payload: created("a", 1) }).unseen.size).toBe(0);
  });

  it("stop being new when they finish or leave the board", () => {
    let state = boardReducer(initialBoardState([]), { type: "event", payload: created("a", 1) });
    state = boardReducer(state, { type: "event", payload: created("b", 2) });
    state = boardReducer(state, { type: "event", payload: payload("a", 3, "cancelled", 2) });
    expect([...state.unseen]).toEqual(["b"]);
    state = boardReducer(state, { type: "remove", orderId: "b" });
    expect(state.unseen.size).toBe(0);
  });
});
