import { describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from "./stream-transport";
import { parseEventId, pollUrl, STAFF_EVENTS_PATH, streamKey, streamUrl, trackingEventsPath } from "./stream-url";

describe("trackingEventsPath", () => {
  it("puts a URL-safe token in the path as it is", () => {
    expect(trackingEventsPath("Ab-9_xYz")).toBe("/api/track/Ab-9_xYz/events");
  });

  it("keeps anything else inside its one path segment", () => {
    expect(trackingEventsPath("a/b?c#d")).toBe("/api/track/a%2Fb%3Fc%23d/events");
  });
});

describe("streamUrl", () => {
  it("is the bare path without a cursor", () => {
    expect(streamUrl("/api/track/abc/events", null)).toBe("/api/track/abc/events");
  });

  it("resumes after the cursor, 0 included", () => {
    expect(streamUrl("/api/track/abc/events", 0)).toBe("/api/track/abc/events?lastEventId=0");
    expect(streamUrl(STAFF_EVENTS_PATH, 42)).toBe("/api/staff/events?lastEventId=42");
  });

  it("keeps a percent-encoded path intact", () => {
    expect(streamUrl(trackingEventsPath("a/b"), 1)).toBe("/api/track/a%2Fb/events?lastEventId=1");
  });
});

describe("pollUrl", () => {
  it("asks for the events after the cursor, 0 included", () => {
    expect(pollUrl("/api/track/abc/events", 0)).toBe("/api/track/abc/events?after=0");
    expect(pollUrl(STAFF_EVENTS_PATH, 9)).toBe("/api/staff/events?after=9");
    expect(pollUrl(trackingEventsPath("a/b"), 9)).toBe("/api/track/a%2Fb/events?after=9");
  });
});

describe("streamKey", () => {
  it("names a stream by its path alone, so tabs of one stream meet and no other stream's do", () => {
    expect(streamKey(trackingEventsPath("x"))).toBe(streamKey("/api/track/x/events"));
    expect(streamKey(trackingEventsPath("x"))).not.toBe(streamKey(trackingEventsPath("y")));
    expect(streamKey(trackingEventsPath("x"))).not.toBe(streamKey(STAFF_EVENTS_PATH));
  });
});

describe("parseEventId", () => {
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
