import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchPoll, readPollAnswer } from "./poll-client";
import { isClockJump, JUMP_MS, TICK_MS } from "./wake";

describe("readPollAnswer", () => {
  it("reads a poll answer", () => {
    const answer = { events: [{ id: 3, event: "order.status", data: { status: "ready" } }], cursor: 3, finished: false };
    expect(readPollAnswer(answer)).toEqual(answer);
  });

  it.each([
    null,
    "<html>",
    { events: [], cursor: -1, finished: false },
    { events: [], cursor: 1 },
    { events: [{ id: "3", event: "order.status", data: {} }], cursor: 3, finished: false },
    { events: [{ id: 3, event: "message", data: {} }], cursor: 3, finished: false },
  ])("refuses %j", (value) => {
    expect(readPollAnswer(value)).toBeNull();
  });
});

describe("fetchPoll", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks the stream's path for the events after the cursor, as JSON", async () => {
    const answer = { events: [], cursor: 5, finished: false };
    const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(async () => Response.json(answer));
    vi.stubGlobal("fetch", fetchMock);
    await expect(fetchPoll("/api/track/abc/events", 5, new AbortController().signal)).resolves.toEqual(answer);
    await fetchPoll("/api/staff/events", 0, new AbortController().signal);
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(["/api/track/abc/events?after=5", "/api/staff/events?after=0"]);
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get("accept")).toBe("application/json");
  });

  it("throws on an error status or an answer that is not a poll's", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ error: { code: "invalid_cursor", message: "x" } }, { status: 400 }));
    await expect(fetchPoll("/api/staff/events", 0, new AbortController().signal)).rejects.toThrow(/400/);
    vi.stubGlobal("fetch", async () => new Response("<html>", { status: 200 }));
    await expect(fetchPoll("/api/staff/events", 0, new AbortController().signal)).rejects.toThrow();
  });
});

describe("isClockJump", () => {
  it("is a tick far later than due, not an ordinary late one", () => {
    expect(isClockJump(0, TICK_MS)).toBe(false);
    expect(isClockJump(0, TICK_MS + 5_000)).toBe(false);
    expect(isClockJump(0, TICK_MS + JUMP_MS + 1)).toBe(true);
    expect(isClockJump(0, 5 * 60_000)).toBe(true);
  });
});
