/**
 * Properties of the input schemas: valid input of any script is accepted and comes out trimmed,
 * NFC, within its limits and clean; any refused character, unknown key or out-of-range number
 * is refused; and no value of any shape makes a schema throw. The refused set is written here as
 * code-point ranges, independently of the schemas' own patterns.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOrderSchema, staffLoginSchema, staffOrdersQuerySchema, transitionSchema } from "./input";
import { ORDER_STATUSES } from "./status";

const char = (code: number) => String.fromCodePoint(code);
// Assigned characters only: an unassigned code point (U+03A2 sits in the Greek block) is not a
// visible character, and the schemas rightly refuse a name made of nothing else.
const range = (min: number, max: number) =>
  fc
    .integer({ min, max })
    .map(char)
    .filter((c) => !/\p{Cn}/u.test(c));

// Letters and symbols a shop meets: accents, Greek, Cyrillic, Hebrew, Arabic, Devanagari, CJK,
// Hangul, emoji; plus whole multi-code-point graphemes and decomposed accents (NFC changes them).
const visible = fc.oneof(
  range(0x41, 0x5a),
  range(0x61, 0x7a),
  range(0x30, 0x39),
  range(0xc0, 0x17f),
  range(0x391, 0x3c9),
  range(0x410, 0x44f),
  range(0x5d0, 0x5ea),
  range(0x627, 0x64a),
  range(0x915, 0x939),
  range(0x4e00, 0x9fff),
  range(0xac00, 0xd7a3),
  range(0x1f300, 0x1f64f),
  fc.constantFrom("e\u0301", "A\u030a", "कि", "👩‍🍳", "👨🏽‍🦱", "🇯🇵", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "&", "'", "(", "#", "\u{1D160}"),
);
// Allowed between visible characters: spaces, joiners, the directional marks.
const between = fc.constantFrom(" ", "\u00a0", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c");
// What trim() removes around the text, including characters refused inside it.
const padding = fc
  .array(fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u3000", "\ufeff", "\u2028", "\u2029"), { maxLength: 4 })
  .map((parts) => parts.join(""));

/** Text starting and ending with a visible character; `max` bounds the pieces, not the length. */
const core = (maxPieces: number) =>
  fc
    .tuple(visible, fc.array(fc.tuple(fc.option(between, { nil: "" }), visible), { maxLength: maxPieces }))
    .map(([first, rest]) => first + rest.map(([gap, next]) => gap + next).join(""));

const padded = (inner: fc.Arbitrary<string>) =>
  fc.tuple(padding, inner, padding).map(([before, text, after]) => ({ raw: before + text + after, core: text }));

/** Whether `text`, stored (NFC), is within `max` characters: code points, as zod counts them. */
function fits(text: string, max: number): boolean {
  return codePoints(text.normalize("NFC")) <= max;
}

function codePoints(text: string): number {
  return [...text].length;
}

// C0, DEL, C1, U+2028/2029, bidi embeddings, overrides and isolates, lone surrogates.
const REFUSED_RANGES: [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x2028, 0x2029],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const NOTE_ALLOWED = new Set([0x09, 0x0a, 0x0d]);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
const refusedInLine = fc.oneof(...REFUSED_RANGES.map(([min, max]) => range(min, max)), loneSurrogate);
const refusedInNote = refusedInLine.filter((c) => !NOTE_ALLOWED.has(c.charCodeAt(0)));

function isClean(text: string, note = false): boolean {
  if (!text.isWellFormed()) return false;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (note && NOTE_ALLOWED.has(code)) continue;
    if (REFUSED_RANGES.some(([min, max]) => code >= min && code <= max)) return false;
  }
  return true;
}

/** The output is the input's text, trimmed, in NFC, clean and within `max`. */
function expectStored(output: string | undefined, input: { core: string }, max: number, note = false) {
  expect(output).toBeDefined();
  const text = output ?? "";
  expect(text).toBe(text.trim());
  expect(text).toBe(text.normalize("NFC"));
  expect(text.normalize("NFD")).toBe(input.core.normalize("NFD"));
  expect(text.length).toBeLessThanOrEqual(max);
  expect(isClean(text, note)).toBe(true);
}

function accepted<T>(result: { success: true; data: T } | { success: false; error: unknown }): T {
  if (!result.success) expect.fail(String(result.error));
  return result.data;
}

/** `inner` with `bad` inserted between two of its characters, so trim cannot remove it. */
const withInside = (bad: fc.Arbitrary<string>) =>
  fc.tuple(core(8), bad, core(8)).map(([left, c, right]) => left + c + right);

const name = (maxPieces: number, max: number) => padded(core(maxPieces)).filter((text) => fits(text.core, max));
const itemCase = fc.record({ name: name(20, 100), quantity: fc.integer({ min: 1, max: 99 }) });
const orderCase = fc
  .record(
    {
      customerName: name(30, 100),
      items: fc.array(itemCase, { minLength: 1, maxLength: 50 }),
      note: name(60, 500),
    },
    { requiredKeys: ["customerName", "items"] },
  )
  .map((parts) => ({
    parts,
    body: {
      customerName: parts.customerName.raw,
      items: parts.items.map((entry) => ({ name: entry.name.raw, quantity: entry.quantity })),
      ...(parts.note ? { note: parts.note.raw } : {}),
    },
  }));

// Names that are no field of any schema here, including the ones that touch prototypes.
const unknownKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "price", "actor", ""),
  fc.string({ maxLength: 12 }),
);
const KNOWN = new Set(["customerName", "items", "note", "name", "quantity", "to", "expectedVersion", "email", "password", "status", "includeFinished"]);
const extraKey = unknownKey.filter((key) => !KNOWN.has(key));

/** `object` plus an own property `key` (a computed key defines `__proto__` rather than setting the prototype). */
function withKey(object: object, key: string, value: unknown): object {
  return { ...object, [key]: value };
}

// Numbers JSON can carry that are not whole numbers in range, and values that only look like one.
const notAWholeNumber = fc.oneof(
  fc.double({ noInteger: true }),
  fc.constantFrom(-0, Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 2, 1e400),
  fc.constantFrom("1", "2", "1e1", "0x10", null, true, [], {}, [1]),
);
const outside = (min: number, max: number) =>
  fc.oneof(fc.integer({ max: min - 1 }), fc.integer({ min: max + 1 }), fc.double({ min: -1e300, max: 1e300 }).filter((n) => !(Number.isInteger(n) && n >= min && n <= max)), notAWholeNumber);

// Any value at all: what JSON.parse can return, and what it cannot (JS-only objects, null prototypes).
const anything = fc.oneof(
  fc.json({ maxDepth: 4 }).map((text): unknown => JSON.parse(text)),
  fc.anything({
    key: fc.oneof(unknownKey, fc.constantFrom(...KNOWN)),
    maxDepth: 3,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    withObjectString: true,
  }),
);

describe("createOrderSchema", () => {
  it("accepts every valid order, in any script, and stores its text trimmed, NFC, clean and bounded", () => {
    fc.assert(
      fc.property(orderCase, ({ parts, body }) => {
        const data = accepted(createOrderSchema.safeParse(body));
        expectStored(data.customerName, parts.customerName, 100);
        expect(data.items).toHaveLength(parts.items.length);
        data.items.forEach((stored, index) => {
          const input = parts.items[index]!;
          expectStored(stored.name, input.name, 100);
          expect(stored.quantity).toBe(input.quantity);
        });
        if (parts.note) expectStored(data.note, parts.note, 500, true);
        else expect(data.note).toBeUndefined();
      }),
    );
  });

  it("refuses a refused character anywhere inside the name, an item name or the note", () => {
    fc.assert(
      fc.property(orderCase, fc.constantFrom("customerName", "item", "note"), withInside(refusedInLine), withInside(refusedInNote), ({ body }, where, bad, badNote) => {
        const hostile =
          where === "customerName"
            ? { ...body, customerName: bad }
            : where === "item"
              ? { ...body, items: [...body.items, { name: bad, quantity: 1 }] }
              : { ...body, note: badNote };
        expect(createOrderSchema.safeParse(hostile).success).toBe(false);
      }),
    );
  });

  it("refuses text longer than its limit once in NFC", () => {
    // Some characters grow under NFC (U+FB2C to 3 code points, U+1D160 to 3): within the limit
    // as sent, over it as stored.
    const growing = (max: number) =>
      fc
        .array(fc.constantFrom("\uFB2C", "\u{1D160}", "\u0958", "a"), { minLength: Math.ceil(max / 2), maxLength: max })
        .map((parts) => parts.join(""))
        .filter((text) => codePoints(text) <= max);
    const long = (max: number) =>
      fc
        .oneof(fc.array(visible, { minLength: max + 1, maxLength: max + 40 }).map((parts) => parts.join("")), growing(max))
        .filter((text) => !fits(text, max));
    fc.assert(
      fc.property(orderCase, long(100), long(500), fc.constantFrom("customerName", "item", "note"), ({ body }, text, note, where) => {
        const hostile =
          where === "customerName"
            ? { ...body, customerName: text }
            : where === "item"
              ? { ...body, items: [{ name: text, quantity: 1 }] }
              : { ...body, note };
        expect(createOrderSchema.safeParse(hostile).success).toBe(false);
      }),
    );
  });

  it("refuses any unknown key, on the order or on an item", () => {
    fc.assert(
      fc.property(orderCase, extraKey, fc.jsonValue(), fc.boolean(), ({ body }, key, value, onItem) => {
        const hostile = onItem ? { ...body, items: [withKey(body.items[0]!, key, value), ...body.items.slice(1)] } : withKey(body, key, value);
        expect(createOrderSchema.safeParse(hostile).success).toBe(false);
      }),
    );
  });

  it("refuses any quantity that is not a whole number from 1 to 99, and any item count outside 1..50", () => {
    fc.assert(
      fc.property(orderCase, outside(1, 99), ({ body }, quantity) => {
        const items = [...body.items.slice(1), { ...body.items[0]!, quantity }];
        expect(createOrderSchema.safeParse({ ...body, items }).success).toBe(false);
      }),
    );
    fc.assert(
      fc.property(orderCase, fc.oneof(fc.constant(0), fc.integer({ min: 51, max: 80 })), ({ body }, count) => {
        const items = Array.from({ length: count }, () => body.items[0]!);
        expect(createOrderSchema.safeParse({ ...body, items }).success).toBe(false);
      }),
    );
  });
});

describe("transitionSchema", () => {
  const transitionCase = fc.record(
    { to: fc.constantFrom(...ORDER_STATUSES), expectedVersion: fc.integer({ min: 1, max: 1_000_000 }), note: name(60, 500) },
    { requiredKeys: ["to", "expectedVersion"] },
  );
  const body = (t: typeof transitionCase extends fc.Arbitrary<infer T> ? T : never) => ({
    to: t.to,
    expectedVersion: t.expectedVersion,
    ...(t.note ? { note: t.note.raw } : {}),
  });

  it("accepts every status and version in range, with the note stored clean", () => {
    fc.assert(
      fc.property(transitionCase, (t) => {
        const data = accepted(transitionSchema.safeParse(body(t)));
        expect(data).toMatchObject({ to: t.to, expectedVersion: t.expectedVersion });
        if (t.note) expectStored(data.note, t.note, 500, true);
        else expect(data.note).toBeUndefined();
      }),
    );
  });

  it("refuses any version out of range, any unknown status, any unknown key, any refused note character", () => {
    fc.assert(
      fc.property(
        transitionCase,
        outside(1, 1_000_000),
        fc.string().filter((to) => !(ORDER_STATUSES as readonly string[]).includes(to)),
        extraKey,
        withInside(refusedInNote),
        fc.nat(3),
        (t, version, to, key, note, which) => {
          const hostile = [
            { ...body(t), expectedVersion: version },
            { ...body(t), to },
            withKey(body(t), key, 1),
            { ...body(t), note },
          ][which];
          expect(transitionSchema.safeParse(hostile).success).toBe(false);
        },
      ),
    );
  });
});

describe("staffLoginSchema", () => {
  const alnum = [..."abcdefghijklmnopqrstuvwxyz0123456789"];
  const atom = fc.string({ unit: fc.constantFrom(...alnum, "_", "+", "-"), minLength: 1, maxLength: 10 });
  const label = fc
    .tuple(fc.constantFrom(...alnum), fc.string({ unit: fc.constantFrom(...alnum, "-"), maxLength: 10 }))
    .map(([first, rest]) => first + rest);
  const tld = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 2, maxLength: 6 });
  const email = fc
    .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.array(label, { minLength: 1, maxLength: 3 }), tld, fc.boolean())
    .map(([local, domain, top, shout]) => {
      const address = `${local.join(".")}@${domain.join(".")}.${top}`;
      return shout ? address.toUpperCase() : address;
    });
  const password = fc.string({ unit: "binary", minLength: 1, maxLength: 200 }).filter((p) => isClean(p));

  it("accepts every plain address and clean password: the address trimmed and lower-cased, the password untouched", () => {
    fc.assert(
      fc.property(email, padding, password, (address, pad, secret) => {
        const result = staffLoginSchema.safeParse({ email: pad + address + pad, password: secret });
        expect(result.data).toEqual({ email: address.toLowerCase(), password: secret });
      }),
    );
  });

  it("refuses a password with a control character or a lone surrogate, and one over 1024 characters", () => {
    const controlled = fc
      .tuple(password, fc.oneof(range(0, 0x1f), range(0x7f, 0x9f), loneSurrogate), password)
      .map(([a, c, b]) => a + c + b);
    fc.assert(
      fc.property(email, fc.oneof(controlled, fc.string({ minLength: 1025, maxLength: 1100 })), (address, secret) => {
        expect(staffLoginSchema.safeParse({ email: address, password: secret }).success).toBe(false);
      }),
    );
  });

  it("only ever accepts a short, trimmed, lower-case, printable-ASCII address", () => {
    fc.assert(
      fc.property(fc.oneof(email, fc.string({ unit: "binary" }), fc.string()), (address) => {
        const result = staffLoginSchema.safeParse({ email: address, password: "x" });
        if (!result.success) return;
        expect(result.data.email).toBe(result.data.email.trim().toLowerCase());
        expect(result.data.email.length).toBeLessThanOrEqual(254);
        expect(result.data.email).toMatch(/^[\x21-\x7e]+@[\x21-\x7e]+$/);
      }),
    );
  });
});

describe("staffOrdersQuerySchema", () => {
  const statuses = fc.subarray([...ORDER_STATUSES], { minLength: 1 });
  const spaces = fc.constantFrom("", " ", "  ");

  it("accepts any list of known statuses, spaced or not, and the includeFinished flag", () => {
    fc.assert(
      fc.property(statuses, spaces, fc.option(fc.constantFrom("true", "false"), { nil: undefined }), (list, space, flag) => {
        const query = { status: list.map((s) => space + s + space).join(","), ...(flag ? { includeFinished: flag } : {}) };
        expect(staffOrdersQuerySchema.safeParse(query).data).toEqual({ status: list, includeFinished: flag === "true" });
      }),
    );
  });

  it("refuses a list with any unknown status, and any unknown parameter", () => {
    fc.assert(
      fc.property(statuses, fc.string().filter((s) => !(ORDER_STATUSES as readonly string[]).includes(s.trim())), fc.nat(), (list, junk, at) => {
        const withJunk: string[] = [...list];
        withJunk.splice(at % (list.length + 1), 0, junk);
        expect(staffOrdersQuerySchema.safeParse({ status: withJunk.join(",") }).success).toBe(false);
      }),
    );
    fc.assert(
      fc.property(extraKey, fc.string(), (key, value) => {
        expect(staffOrdersQuerySchema.safeParse(withKey({}, key, value)).success).toBe(false);
      }),
    );
  });
});

describe("every schema", () => {
  const schemas = { createOrderSchema, transitionSchema, staffLoginSchema, staffOrdersQuerySchema };

  it.each(Object.entries(schemas))("%s only ever fails, never throws, whatever it is given", (_name, schema) => {
    fc.assert(
      fc.property(anything, (value) => {
        expect(() => schema.safeParse(value)).not.toThrow();
      }),
    );
  });
});
