import { describe, expect, it } from "vitest";
import type { StaffOrderView } from "@/lib/orders/types";
import type { OrderStatus } from "@/lib/orders/status";
import {
  EMPTY_FILTER,
  boardFilterQuery,
  filterColumns,
  foldText,
  isFiltering,
  lastStaffNote,
  matchesFilter,
  parseBoardFilter,
  type BoardFilter,
} from "./board-filter";

const NOW = Date.UTC(2026, 10, 22, 12, 30);

function order(id: string, fields: Partial<StaffOrderView> = {}, notes: (string | null)[] = [null]): StaffOrderView {
  const statuses: OrderStatus[] = ["placed", "confirmed", "preparing", "ready"];
  return {
    id,
    code: id.toUpperCase(),
    customerName: `Customer ${id}`,
    items: [{ name: "Fries", quantity: 1 }],
    note: null,
    status: statuses[notes.length - 1] ?? "placed",
    version: notes.length,
    createdAt: new Date(NOW - 10 * 60_000).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    externalId: null,
    source: null,
    timeline: notes.map((note, index) => ({
      eventId: index + 1,
      orderId: id,
      code: id.toUpperCase(),
      status: statuses[index] ?? "placed",
      previousStatus: index === 0 ? null : (statuses[index - 1] ?? null),
      version: index + 1,
      at: new Date(NOW).toISOString(),
      note,
      actor: null,
    })),
    ...fields,
  };
}

const filter = (fields: Partial<BoardFilter>): BoardFilter => ({ ...EMPTY_FILTER, ...fields });

describe("foldText", () => {
  it("ignores case, accents and compatibility forms", () => {
    expect(foldText("Zoë ÅSTRÖM")).toBe("zoe astrom");
    expect(foldText("Ｍｉｋｅ")).toBe("mike");
    expect(foldText("ﬁona")).toBe("fiona");
  });
});

describe("matchesFilter", () => {
  it("finds an order by part of its code or its customer's name, whatever the case and accents", () => {
    const zoe = order("a7k2q", { customerName: "Zoë Ångström" });
    for (const q of ["a7k", "A7K2Q", "zoe", "ANGSTROM", "  zoë  ", "ö"]) {
      expect(matchesFilter(zoe, filter({ q }), NOW), q).toBe(true);
    }
    for (const q of ["b7k", "zoey", "fries"]) expect(matchesFilter(zoe, filter({ q }), NOW), q).toBe(false);
  });

  it("keeps orders with a customer's note or a staff note when asked for notes", () => {
    const plain = order("a");
    expect(matchesFilter(plain, filter({ withNote: true }), NOW)).toBe(false);
    expect(matchesFilter(order("b", { note: "No onions" }), filter({ withNote: true }), NOW)).toBe(true);
    expect(matchesFilter(order("c", {}, [null, "Ten minutes late"]), filter({ withNote: true }), NOW)).toBe(true);
  });

  it("keeps orders placed at least the chosen minutes ago, and all of them before the clock is known", () => {
    const tenMinutes = order("a");
    expect(matchesFilter(tenMinutes, filter({ waitingMinutes: 10 }), NOW)).toBe(true);
    expect(matchesFilter(tenMinutes, filter({ waitingMinutes: 15 }), NOW)).toBe(false);
    expect(matchesFilter(tenMinutes, filter({ waitingMinutes: 15 }), null)).toBe(true);
  });
});

describe("lastStaffNote", () => {
  it("is the newest note on the timeline, with its status", () => {
    expect(lastStaffNote(order("a", {}, [null, "first", null, "second"]))).toEqual({ note: "second", status: "ready" });
    expect(lastStaffNote(order("a", {}, [null, "first", null]))).toEqual({ note: "first", status: "confirmed" });
    expect(lastStaffNote(order("a"))).toBeNull();
  });
});

describe("the URL query", () => {
  it("round-trips every part of a filter", () => {
    const full = filter({ q: "Zoë & co", statuses: ["ready", "placed"], waitingMinutes: 15, withNote: true });
    const query = boardFilterQuery(full);
    expect(query).toBe("q=Zo%C3%AB+%26+co&status=placed%2Cready&waiting=15&note=1");
    expect(parseBoardFilter(new URLSearchParams(query))).toEqual({ ...full, statuses: ["placed", "ready"] });
    expect(boardFilterQuery(EMPTY_FILTER)).toBe("");
  });

  it("reads Next's searchParams record, taking the first of repeated values", () => {
    expect(parseBoardFilter({ q: ["abc", "def"], status: "preparing", note: "1" })).toEqual(
      filter({ q: "abc", statuses: ["preparing"], withNote: true }),
    );
  });

  it("ignores what it does not understand instead of failing", () => {
    expect(
      parseBoardFilter(new URLSearchParams("status=delivered,bogus&waiting=-5&note=yes&q=" + "x".repeat(500))),
    ).toEqual(filter({ q: "x".repeat(100) }));
    expect(parseBoardFilter(new URLSearchParams("waiting=99999")).waitingMinutes).toBeNull();
    expect(parseBoardFilter(new URLSearchParams("waiting=0")).waitingMinutes).toBeNull();
  });

  it("treats every column chosen as no column filter", () => {
    const all = parseBoardFilter(new URLSearchParams("status=placed,confirmed,preparing,ready,out_for_delivery"));
    expect(all.statuses).toEqual([]);
    expect(isFiltering(all)).toBe(false);
  });
});

describe("filterColumns", () => {
  const columns = [
    { status: "placed" as const, orders: [order("a1", { customerName: "Ada" }), order("b2", { customerName: "Bob" })] },
    { status: "confirmed" as const, orders: [order("c3", { customerName: "Adele" })] },
    { status: "ready" as const, orders: [] },
  ];

  it("keeps the chosen columns with their matches and their unfiltered counts", () => {
    expect(
      filterColumns(columns, filter({ q: "ad" }), NOW).map((c) => ({ status: c.status, ids: c.orders.map((o) => o.id), total: c.total })),
    ).toEqual([
      { status: "placed", ids: ["a1"], total: 2 },
      { status: "confirmed", ids: ["c3"], total: 1 },
      { status: "ready", ids: [], total: 0 },
    ]);
    expect(filterColumns(columns, filter({ statuses: ["confirmed"] }), NOW).map((c) => c.status)).toEqual(["confirmed"]);
  });

  it("shows everything without a filter", () => {
    expect(filterColumns(columns, EMPTY_FILTER, NOW).map((c) => c.orders.length)).toEqual([2, 1, 0]);
    expect(isFiltering(EMPTY_FILTER)).toBe(false);
    expect(isFiltering(filter({ q: "   " }))).toBe(false);
  });
});
