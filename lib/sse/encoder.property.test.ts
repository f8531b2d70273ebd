/**
 * Properties of the SSE encoder, read back through a WHATWG-following parser from the bytes a
 * browser would receive: for any strings in id, event, data and comments, each message is exactly
 * one event with its own data, type and id (CR, LF and NUL stripped from id and event), and no
 * value ever injects a field, a comment or an event.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeComment, encodeEvent, encodeRetry, type SseMessage } from "./encoder";
import { parseEventStream } from "@/test/support/sse-spec-parser";

const encoder = new TextEncoder();
const wire = (text: string) => parseEventStream(encoder.encode(text));

// Strings heavy in what could break framing: line breaks of every kind, NUL, colons, field names,
// lone surrogates, BOMs and Unicode line separators (which SSE does not treat as line breaks).
const hostile = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom("\r", "\n", "\r\n", "\0", ":", " ", "data:", "id:", "event:", "retry:", "\ufeff", "\u2028", "\u0085") },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)) },
  ),
  maxLength: 40,
});
const id = fc.oneof(hostile, fc.nat().map((n): string | number => n));
const message: fc.Arbitrary<SseMessage> = fc.record(
  { id, event: hostile, data: hostile, retry: fc.nat() },
  { requiredKeys: ["data"] },
);

/** What a browser should see for `message`: the text as UTF-8 carries it, stripped or normalised. */
const received = (text: string) => text.toWellFormed();
// Stripped before it is sent, so a CR between two halves of a surrogate pair leaves the pair whole.
const singleLine = (value: string | number) => received(String(value).replace(/[\r\n\0]/g, ""));
const expectedData = (data: string) => received(data).replace(/\r\n|\r/g, "\n");

describe("encodeEvent", () => {
  it("is read back as exactly one event with the same data, type and id, and no other field", () => {
    fc.assert(
      fc.property(message, (m) => {
        const parsed = wire(encodeEvent(m));
        expect(parsed.events).toEqual([
          {
            type: m.event === undefined ? "message" : singleLine(m.event) || "message",
            data: expectedData(m.data),
            lastEventId: m.id === undefined ? "" : singleLine(m.id),
          },
        ]);
        expect(parsed.comments).toEqual([]);
        expect(parsed.retry).toBe(m.retry ?? null);
        const names = parsed.fields.map((field) => field.name);
        expect(names.filter((name) => name === "id")).toHaveLength(m.id === undefined ? 0 : 1);
        expect(names.filter((name) => name === "event")).toHaveLength(m.event === undefined ? 0 : 1);
        expect(names.filter((name) => name === "retry")).toHaveLength(m.retry === undefined ? 0 : 1);
        expect(names.every((name) => ["id", "event", "data", "retry"].includes(name))).toBe(true);
      }),
      { examples: [[{ id: "4\r\n2\0", event: "\ud800\r\udc00", data: "a\r\nb\rc\n" }]] },
    );
  });

  it("keeps a stream of messages and comments apart: every event arrives once, in order, none bleeds into the next", () => {
    const piece = fc.oneof(
      { weight: 3, arbitrary: message.map((m) => ({ kind: "event" as const, m })) },
      { weight: 1, arbitrary: hostile.map((text) => ({ kind: "comment" as const, text })) },
    );
    fc.assert(
      fc.property(fc.nat(), fc.array(piece, { maxLength: 12 }), (retry, pieces) => {
        const stream = encodeRetry(retry) + pieces.map((p) => (p.kind === "event" ? encodeEvent(p.m) : encodeComment(p.text))).join("");
        const parsed = wire(stream);
        let lastEventId = "";
        const expected = pieces.flatMap((p) => {
          if (p.kind !== "event") return [];
          // The id buffer outlives its message: an event without `id:` keeps the previous one.
          if (p.m.id !== undefined) lastEventId = singleLine(p.m.id);
          return [{ type: p.m.event === undefined ? "message" : singleLine(p.m.event) || "message", data: expectedData(p.m.data), lastEventId }];
        });
        expect(parsed.events).toEqual(expected);
        const retries = pieces.flatMap((p) => (p.kind === "event" && p.m.retry !== undefined ? [p.m.retry] : []));
        expect(parsed.retry).toBe(retries.at(-1) ?? retry);
      }),
    );
  });

  it("refuses a retry a client would ignore rather than write it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.constantFrom(Infinity, -Infinity, 2 ** 53)), (retry) => {
        expect(() => encodeEvent({ data: "x", retry })).toThrow(RangeError);
        expect(() => encodeRetry(retry)).toThrow(RangeError);
      }),
    );
  });
});

describe("encodeComment", () => {
  it("stays a comment on every line, whatever the text: no field, no event", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const parsed = wire(encodeComment(text));
        expect(parsed.events).toEqual([]);
        expect(parsed.fields).toEqual([]);
        expect(parsed.comments).toEqual(received(text).split(/\r\n|\r|\n/));
      }),
    );
  });
});
