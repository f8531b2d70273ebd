import { describe, expect, it } from "vitest";
import { readPollAnswer } from "./poll-client";
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

describe("isClockJump", () => {
  it("is a tick far later than due, not an ordinary late one", () => {
    expect(isClockJump(0, TICK_MS)).toBe(false);
    expect(isClockJump(0, TICK_MS + 5_000)).toBe(false);
    expect(isClockJump(0, TICK_MS + JUMP_MS + 1)).toBe(true);
    expect(isClockJump(0, 5 * 60_000)).toBe(true);
  });
});
