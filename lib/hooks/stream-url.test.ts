import { describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from "./stream-transport";
import { cursorFromUrl, parseEventId, pollUrl, streamKey, withCursor } from "./stream-url";

describe("withCursor", () => {
  it("replaces an existing lastEventId parameter", () => {
    expect(withCursor("/api/track/abc/events?lastEventId=5", 42)).toBe("/api/track/abc/events?lastEventId=42");
  });

  it("adds the parameter when missing and keeps the others", () => {
    expect(withCursor("/api/staff/events", 7)).toBe("/api/staff/events?lastEventId=7");
    expect(withCursor("/api/staff/events?status=ready&lastEventId=1", 9)).toBe(
      "/api/staff/events?status=ready&lastEventId=9",
    );
  });

  it("keeps absolute URLs absolute", () => {
    expect(withCursor("https://shop.example/api/staff/events?lastEventId=1", 3)).toBe(
      "https://shop.example/api/staff/events?lastEventId=3",
    );
  });

  it("leaves the URL alone without a cursor", () => {
    expect(withCursor("/api/staff/events?lastEventId=1", null)).toBe("/api/staff/events?lastEventId=1");
  });

  it("keeps a percent-encoded path intact", () => {
    expect(withCursor("/api/track/a%2Fb/events?lastEventId=0", 1)).toBe("/api/track/a%2Fb/events?lastEventId=1");
  });
});

describe("pollUrl", () => {
  it("swaps the stream's cursor for the poll's and keeps the rest", () => {
    expect(pollUrl("/api/track/a%2Fb/events?lastEventId=5", 9)).toBe("/api/track/a%2Fb/events?after=9");
    expect(pollUrl("/api/staff/events?status=ready", 0)).toBe("/api/staff/events?status=ready&after=0");
  });
});

describe("streamKey", () => {
  it("is the same for every cursor and parameter order, and differs by path and query", () => {
    const key = streamKey("/api/staff/events?lastEventId=3&b=2&a=1");
    expect(streamKey("/api/staff/events?a=1&b=2&lastEventId=99")).toBe(key);
    expect(streamKey("/api/staff/events?a=1&b=3")).not.toBe(key);
    expect(streamKey("/api/track/x/events?lastEventId=1")).not.toBe(streamKey("/api/track/y/events?lastEventId=1"));
  });
});

describe("cursorFromUrl / parseEventId", () => {
  it("reads the cursor of a URL", () => {
    expect(cursorFromUrl("/api/track/abc/events?lastEventId=12")).toBe(12);
    expect(cursorFromUrl("/api/track/abc/events")).toBeNull();
  });

  it("accepts only non-negative integers", () => {
    expect(parseEventId("0")).toBe(0);
    expect(parseEventId("42")).toBe(42);
    expect(parseEventId("")).toBeNull();
    expect(parseEventId(null)).toBeNull();
    expect(parseEventId("-1")).toBeNull();
    expect(parseEventId("4.2")).toBeNull();
    expect(parseEventId("12abc")).toBeNull();
  });
});

describe("backoffDelay", () => {
  it("grows exponentially between half and all of its ceiling", () => {
    expect(backoffDelay(0, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(0, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(3, () => 1)).toBe(BACKOFF_BASE_MS * 8);
  });

  it("is capped, even for absurd attempt counts", () => {
    expect(backoffDelay(10, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it("spreads clients apart (jitter)", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(8_000);
      expect(delay).toBeLessThanOrEqual(16_000);
    }
  });
});
