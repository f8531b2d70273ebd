/**
 * Properties of the resume cursor: any Last-Event-ID header, any ?lastEventId= value, any URL
 * is either a cursor that is a whole number within safe integers, or a refusal with a message
 * (the endpoints answer it with a 400), never an exception.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RequestLike } from "@/lib/http/request-like";
import { parseCursor } from "./cursor";

function request(url: string, header: string | null = null): RequestLike {
  return { url, headers: { get: (name) => (name.toLowerCase() === "last-event-id" ? header : null) } };
}

const trackUrl = "http://localhost/api/track/t/events";

/** What a cursor value means, written without the parser: digits naming a safe integer. */
function meaning(value: string): number | "refused" {
  if (!/^[0-9]+$/.test(value) || value.length > 20) return "refused";
  const number = BigInt(value);
  return number <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(number) : "refused";
}

const cursorText = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
  fc.nat().map((n) => "0".repeat(n % 25) + String(n)),
  fc.constantFrom("-0", "+1", "1e3", "0x1f", " 7", "7 ", "1,2", "NaN", "Infinity", "٣", "１", "1\u0000", ""),
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom(..."0123456789 -+.e,") }),
);

function expectMeaning(result: ReturnType<typeof parseCursor>, value: string, source: RegExp) {
  const expected = meaning(value);
  if (expected === "refused") {
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(source);
  } else {
    expect(result).toEqual({ ok: true, cursor: expected });
  }
}

describe("parseCursor", () => {
  it("reads any ?lastEventId= value as a safe whole number or refuses it", () => {
    fc.assert(
      fc.property(cursorText, (value) => {
        const url = `${trackUrl}?${new URLSearchParams({ lastEventId: value })}`;
        expectMeaning(parseCursor(request(url)), value, /lastEventId/);
      }),
    );
  });

  it("reads any non-empty Last-Event-ID header the same way, and lets it win over the query", () => {
    fc.assert(
      fc.property(cursorText.filter((value) => value !== ""), fc.option(cursorText), (header, query) => {
        const url = query === null ? trackUrl : `${trackUrl}?${new URLSearchParams({ lastEventId: query })}`;
        expectMeaning(parseCursor(request(url, header)), header, /Last-Event-ID/);
      }),
    );
  });

  it("refuses a cursor given twice in the query", () => {
    fc.assert(
      fc.property(fc.array(fc.nat().map(String), { minLength: 2, maxLength: 4 }), (values) => {
        const url = `${trackUrl}?${values.map((value) => `lastEventId=${value}`).join("&")}`;
        expect(parseCursor(request(url)).ok).toBe(false);
      }),
    );
  });

  it("never throws, whatever the URL (below Next it is built from the client's Host header) or header", () => {
    const host = fc.oneof(fc.string({ unit: "binary-ascii" }), fc.constantFrom("a b", "x:99999", "[::", "%zz", "a?lastEventId=1", "#"));
    const path = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("/api/staff/events?lastEventId=5#?lastEventId=x", "/?", "/?&&=", "/?lastEventId"));
    fc.assert(
      fc.property(host, path, fc.option(fc.string({ unit: "binary" })), (h, p, header) => {
        expect(() => parseCursor(request(`http://${h}${p}`, header))).not.toThrow();
      }),
    );
  });
});
