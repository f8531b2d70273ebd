import { describe, expect, it } from "vitest";
import {
  ACTION_LABELS,
  ORDER_STATUSES,
  STATUS_DESCRIPTIONS,
  STATUS_LABELS,
  allowedTransitions,
  canCancel,
  canTransition,
  isTerminal,
  nextStatus,
  type OrderStatus,
} from "./status";

// The whole machine, written out by hand so a change to status.ts has to be made twice on purpose.
const LEGAL: Record<OrderStatus, OrderStatus[]> = {
  placed: ["confirmed", "cancelled"],
  confirmed: ["preparing", "cancelled"],
  preparing: ["ready", "cancelled"],
  ready: ["out_for_delivery"],
  out_for_delivery: ["delivered"],
  delivered: [],
  cancelled: [],
};

describe("order status machine", () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const legal = LEGAL[from].includes(to);
      it(`${legal ? "allows" : "refuses"} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(legal);
      });
    }
  }

  it("lists exactly the legal targets", () => {
    for (const from of ORDER_STATUSES) expect(allowedTransitions(from)).toEqual(LEGAL[from]);
  });

  it("walks the happy path from placed to delivered", () => {
    const path: OrderStatus[] = ["placed"];
    for (let status = nextStatus("placed"); status; status = nextStatus(status)) path.push(status);
    expect(path).toEqual(["placed", "confirmed", "preparing", "ready", "out_for_delivery", "delivered"]);
    expect(nextStatus("cancelled")).toBeNull();
  });

  it("ends only in delivered and cancelled", () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(["delivered", "cancelled"]);
    expect(ORDER_STATUSES.filter(canCancel)).toEqual(["placed", "confirmed", "preparing"]);
  });

  it("has a label, a description and an action for every status", () => {
    for (const status of ORDER_STATUSES) {
      expect(STATUS_LABELS[status]).toMatch(/\S/);
      expect(STATUS_DESCRIPTIONS[status]).toMatch(/\S/);
      expect(ACTION_LABELS[status]).toMatch(/\S/);
    }
  });
});
