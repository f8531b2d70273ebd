import { describe, expect, it } from "vitest";
import { createOrderSchema, staffLoginSchema, staffOrdersQuerySchema, transitionSchema } from "./input";

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
    ["C1 control in name", { ...valid, customerName: "Ada\u0085" }],
    ["right-to-left override in name", { ...valid, customerName: "Ada \u202egnp.exe" }],
    ["bidi isolate in item name", { ...valid, items: [{ name: "a\u2067b", quantity: 1 }] }],
    ["lone surrogate in name", { ...valid, customerName: "Ada\ud800" }],
    ["line separator inside name", { ...valid, customerName: "Ada\u2028Lovelace" }],
    ["name of zero-width characters only", { ...valid, customerName: "\u200b\u200d" }],
    ["note of a zero-width space only", { ...valid, note: "\u200b" }],
    ["NUL in note", { ...valid, note: "a\u0000b" }],
    ["bidi override in note", { ...valid, note: "a\u202db" }],
    // 34 characters that NFC turns into 3 code points each: 68 code units sent, 102 stored.
    ["name over the limit once in NFC", { ...valid, customerName: "\u{1D160}".repeat(34) }],
  ])("refuses %s", (_label, body) => {
    expect(createOrderSchema.safeParse(body).success).toBe(false);
  });

  it("stores text in NFC, so decomposed and composed input are the same name", () => {
    const decomposed = { ...valid, customerName: "Zoe\u0308", items: [{ name: "Cre\u0300me", quantity: 1 }] };
    expect(createOrderSchema.parse(decomposed)).toMatchObject({ customerName: "Zo\u00eb", items: [{ name: "Cr\u00e8me" }] });
  });

  it("keeps line breaks and tabs in the note, and right-to-left marks in names", () => {
    const body = { ...valid, customerName: "\u05e9\u05e8\u05d4\u200f", note: "ring twice\n\tthen wait" };
    expect(createOrderSchema.parse(body)).toMatchObject({ customerName: body.customerName, note: body.note });
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
  it("refuses a long junk filter with one issue, not one per comma", () => {
    const result = staffOrdersQuerySchema.safeParse({ status: ",".repeat(5000) });
    expect(result.error?.issues).toHaveLength(1);
  });

  it("refuses unknown statuses and unknown parameters", () => {
    expect(staffOrdersQuerySchema.safeParse({ status: "placed,lost" }).success).toBe(false);
    expect(staffOrdersQuerySchema.safeParse({ sort: "asc" }).success).toBe(false);
  });
});

describe("staffLoginSchema", () => {
  it("trims and lower-cases the address but leaves the password as typed", () => {
    expect(staffLoginSchema.parse({ email: " Staff@Tracker.Local ", password: " pass word " })).toEqual({
      email: "staff@tracker.local",
      password: " pass word ",
    });
  });

  it.each([
    ["NUL", "pass\u0000word"],
    ["a C1 control", "pass\u0085word"],
    ["a lone surrogate", "pass\udc00word"],
  ])("refuses a password with %s", (_label, password) => {
    expect(staffLoginSchema.safeParse({ email: "a@b.co", password }).success).toBe(false);
  });
});
