import { describe, expect, it } from "vitest";
import { parseCursor } from "./cursor";

function request(query: string | null, header?: string): Request {
  const url = `http://localhost/api/track/t/events${query === null ? "" : `?lastEventId=${query}`}`;
  return new Request(url, { headers: header === undefined ? {} : { "Last-Event-ID": header } });
}

describe("parseCursor", () => {
  it("gives null when the client sends no cursor", () => {
    expect(parseCursor(request(null))).toEqual({ ok: true, cursor: null });
  });

  it("reads the query parameter of the first connection", () => {
    expect(parseCursor(request("42"))).toEqual({ ok: true, cursor: 42 });
    expect(parseCursor(request("0"))).toEqual({ ok: true, cursor: 0 });
  });

  it("lets the Last-Event-ID header win over the query", () => {
    expect(parseCursor(request("5", "9"))).toEqual({ ok: true, cursor: 9 });
    expect(parseCursor(request(null, "9"))).toEqual({ ok: true, cursor: 9 });
  });

  it("rejects a malformed header even when the query is valid", () => {
    expect(parseCursor(request("5", "abc")).ok).toBe(false);
  });

  it("treats an empty header as absent", () => {
    expect(parseCursor(request("5", ""))).toEqual({ ok: true, cursor: 5 });
  });

  it("accepts the largest safe integer", () => {
    expect(parseCursor(request(String(Number.MAX_SAFE_INTEGER)))).toEqual({
      ok: true,
      cursor: Number.MAX_SAFE_INTEGER,
    });
  });

  it.each([
    ["negative", "-1"],
    ["plus sign", "%2B1"],
    ["exponent", "1e3"],
    ["fraction", "1.5"],
    ["hex", "0x10"],
    ["empty query value", ""],
    ["whitespace only", "%20%20"],
    ["padded", "%207"],
    ["letters", "abc"],
    ["beyond safe integers", "9007199254740993"],
    ["more than 20 digits", "1".repeat(21)],
    ["Infinity", "Infinity"],
  ])("rejects %s", (_name, value) => {
    const result = parseCursor(request(value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/lastEventId/);
  });

  it("rejects the query parameter given twice, even when both agree", () => {
    const result = parseCursor(new Request("http://localhost/api/staff/events?lastEventId=5&lastEventId=5"));
    expect(result).toEqual({ ok: false, message: "lastEventId must be given at most once." });
  });

  it("reads the query of a URL whose host does not parse (below Next the host comes from the client)", () => {
    const request = { url: "http://local host:99999/api/staff/events?lastEventId=7", headers: new Headers() };
    expect(parseCursor(request)).toEqual({ ok: true, cursor: 7 });
  });

  it.each([["-1"], ["1e3"], ["1, 2"], ["NaN"]])("rejects the header %s", (value) => {
    const result = parseCursor(request(null, value));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Last-Event-ID/);
  });
});
