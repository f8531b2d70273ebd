import { describe, expect, it } from "vitest";
import { isPollRequest, parsePollCursor } from "./poll-request";

function request(query: string, headers: Record<string, string> = {}) {
  return { url: `http://tracker.test/api/staff/events${query}`, headers: new Headers(headers) };
}

describe("parsePollCursor", () => {
  it("is a poll only when `after` is present", () => {
    expect(isPollRequest(request("?after=3"))).toBe(true);
    expect(isPollRequest(request("?after="))).toBe(true);
    expect(isPollRequest(request("?lastEventId=3"))).toBe(false);
    expect(isPollRequest(request(""))).toBe(false);
  });

  it("reads a non-negative decimal cursor", () => {
    expect(parsePollCursor(request("?after=0"))).toEqual({ ok: true, after: 0 });
    expect(parsePollCursor(request("?after=42"))).toEqual({ ok: true, after: 42 });
  });

  it.each(["", "-1", "1e3", "+5", " 7", "4.2", "0x10", "99999999999999999999"])("refuses after=%j", (value) => {
    expect(parsePollCursor(request(`?after=${encodeURIComponent(value)}`)).ok).toBe(false);
  });

  it("refuses a repeated after, and after with either form of lastEventId", () => {
    expect(parsePollCursor(request("?after=1&after=2")).ok).toBe(false);
    expect(parsePollCursor(request("?after=1&lastEventId=1")).ok).toBe(false);
    expect(parsePollCursor(request("?after=1", { "Last-Event-ID": "1" })).ok).toBe(false);
  });
});
