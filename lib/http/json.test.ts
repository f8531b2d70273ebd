import { describe, expect, it } from "vitest";
import { duplicateKey, parseStrictJson } from "./json";

describe("parseStrictJson", () => {
  it("parses valid JSON", () => {
    expect(parseStrictJson('{"a":[1,{"b":null}],"c":"d"}')).toEqual({ ok: true, value: { a: [1, { b: null }], c: "d" } });
  });

  it("refuses malformed JSON", () => {
    expect(parseStrictJson('{"a":').ok).toBe(false);
    expect(parseStrictJson("").ok).toBe(false);
  });

  it("refuses a member named twice, naming it", () => {
    expect(parseStrictJson('{"to":"ready","to":"cancelled"}')).toEqual({
      ok: false,
      message: 'The body names the member "to" twice in one object.',
    });
  });
});

describe("duplicateKey", () => {
  it.each([
    ["at the top", '{"a":1,"a":2}', "a"],
    ["in a nested object", '{"x":{"a":1,"b":2,"a":3}}', "a"],
    ["in an object inside an array", '[1,{"a":1},{"b":1,"b":2}]', "b"],
    ["spelled with an escape", '{"a":1,"\\u0061":2}', "a"],
    ["with an escaped quote in the name", '{"a\\"b":1, "a\\"b" :2}', 'a"b'],
    ["after a nested value", '{"a":{"a":1},"a":2}', "a"],
    ["__proto__", '{"__proto__":1,"__proto__":2}', "__proto__"],
  ])("finds a duplicate %s", (_label, text, name) => {
    expect(duplicateKey(text)).toBe(name);
  });

  it.each([
    ["the same name in sibling objects", '[{"a":1},{"a":2}]'],
    ["the same name at different depths", '{"a":{"a":{"a":1}}}'],
    ["a value equal to a name", '{"a":"a","b":["a","b"]}'],
    ["names that differ only in case", '{"a":1,"A":2}'],
    ["an empty object and array", '{"a":{},"b":[],"c":[{}]}'],
    ["a string holding braces and quotes", '{"a":"{\\"a\\":1,\\"a\\":2}","b":1}'],
  ])("finds none for %s", (_label, text) => {
    expect(duplicateKey(text)).toBeNull();
  });

  it("walks very deep nesting without recursion", () => {
    const depth = 100_000;
    const deep = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    expect(duplicateKey(deep)).toBeNull();
    expect(duplicateKey("[".repeat(depth) + '{"a":1,"a":2}' + "]".repeat(depth))).toBe("a");
  });
});
