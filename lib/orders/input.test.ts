import { describe, expect, it } from "vitest";
import { createOrderSchema, staffOrdersQuerySchema, transitionSchema } from "./input";

const valid = { customerName: "  Ada  ", items: [{ name: "Pad thai", quantity: 2 }] };

describe("createOrderSchema", () => {
  it("accepts a valid order and trims text", () => {
    expect(createOrderSchema.parse({ ...valid, note: " no peanuts " })).toEqual({
      customerName: "Ada",
      items: [{ name: "Pad thai", quantity: 2 }],
      note: "no peanuts",
    });
  });

  it("treats a blank note as no note", () => {
    expect(createOrderSchema.parse({ ...valid, note: "   " }).note).toBeUndefined();
  });

  it.each([
    ["unknown top-level field", { ...valid, price: 3 }],
    ["unknown item field", { ...valid, items: [{ name: "x", quantity: 1, sku: "1" }] }],
    ["no items", { ...valid, items: [] }],
    ["51 items", { ...valid, items: Array.from({ length: 51 }, () => ({ name: "x", quantity: 1 })) }],
    ["quantity 0", { ...valid, items: [{ name: "x", quantity: 0 }] }],
    ["quantity 100", { ...valid, items: [{ name: "x", quantity: 100 }] }],
    ["fractional quantity", { ...valid, items: [{ name: "x", quantity: 1.5 }] }],
    ["quantity as text", { ...valid, items: [{ name: "x", quantity: "2" }] }],
    ["blank name", { ...valid, customerName: "   " }],
    ["control character in name", { ...valid, customerName: "Ada\u0000" }],
    ["newline in item name", { ...valid, items: [{ name: "a\nb", quantity: 1 }] }],
    ["101-character name", { ...valid, customerName: "x".repeat(101) }],
    ["not an object", [valid]],
  ])("refuses %s", (_label, body) => {
    expect(createOrderSchema.safeParse(body).success).toBe(false);
  });

  it("accepts free-text item names from a till, including unicode", () => {
    const body = { customerName: "Zoë 山田", items: [{ name: "Crème brûlée 🍮 (large)", quantity: 99 }] };
    expect(createOrderSchema.parse(body)).toEqual(body);
  });
});

describe("transitionSchema", () => {
  it("accepts a target status and version", () => {
    expect(transitionSchema.parse({ to: "confirmed", expectedVersion: 1 })).toEqual({ to: "confirmed", expectedVersion: 1 });
  });
  it.each([
    [{ to: "teleported", expectedVersion: 1 }],
    [{ to: "confirmed", expectedVersion: 0 }],
    [{ to: "confirmed" }],
    [{ to: "confirmed", expectedVersion: 1, actor: "me" }],
  ])("refuses %j", (body) => {
    expect(transitionSchema.safeParse(body).success).toBe(false);
  });
});

describe("staffOrdersQuerySchema", () => {
  it("parses a comma-separated status filter", () => {
    expect(staffOrdersQuerySchema.parse({ status: "placed,ready", includeFinished: "true" })).toEqual({
      status: ["placed", "ready"],
      includeFinished: true,
    });
  });
  it("refuses unknown statuses and unknown parameters", () => {
    expect(staffOrdersQuerySchema.safeParse({ status: "placed,lost" }).success).toBe(false);
    expect(staffOrdersQuerySchema.safeParse({ sort: "asc" }).success).toBe(false);
  });
});
