import { describe, expect, it } from "vitest";
import { bySecond, merge } from "./causes";

describe("bySecond", () => {
  it("puts each GC pause in the second it started, keep-alives and client samples in theirs", () => {
    const causes = bySecond({
      driveStart: 10_000,
      seconds: 3,
      gc: [
        { kind: "Scavenge", at: 10_500, ms: 2 },
        // Ends in second 1, started in second 0.
        { kind: "Mark-Compact", at: 11_050, ms: 120 },
        { kind: "Scavenge", at: 12_400, ms: 3 },
        // Before the drive, and after the span: left out.
        { kind: "Mark-Compact", at: 9_990, ms: 50 },
        { kind: "Scavenge", at: 13_500, ms: 1 },
      ],
      keepAlives: [5, 0, 7],
      client: [
        { second: 0, cpuPercent: 40, eventLoopMaxMs: 3 },
        { second: 1, cpuPercent: 95, eventLoopMaxMs: 30 },
      ],
    });
    expect(causes).toEqual([
      { second: 0, gc: { kinds: { Scavenge: 1, "Mark-Compact": 1 }, totalMs: 122, maxMs: 120 }, keepAlives: 5, client: { cpuPercent: 40, eventLoopMaxMs: 3 } },
      { second: 1, gc: { kinds: {}, totalMs: 0, maxMs: 0 }, keepAlives: 0, client: { cpuPercent: 95, eventLoopMaxMs: 30 } },
      { second: 2, gc: { kinds: { Scavenge: 1 }, totalMs: 3, maxMs: 3 }, keepAlives: 7, client: { cpuPercent: 0, eventLoopMaxMs: 0 } },
    ]);
  });
});

describe("merge", () => {
  it("adds counts and times over a span of seconds and keeps the worst client second", () => {
    const causes = bySecond({
      driveStart: 0,
      seconds: 3,
      gc: [
        { kind: "Scavenge", at: 100, ms: 2 },
        { kind: "Scavenge", at: 1_100, ms: 4 },
        { kind: "Mark-Compact", at: 2_100, ms: 90 },
      ],
      keepAlives: [1, 2, 3],
      client: [
        { second: 0, cpuPercent: 10, eventLoopMaxMs: 8 },
        { second: 1, cpuPercent: 60, eventLoopMaxMs: 2 },
      ],
    });
    expect(merge(causes, 0, 1)).toEqual({ gc: { kinds: { Scavenge: 2 }, totalMs: 6, maxMs: 4 }, keepAlives: 3, client: { cpuPercent: 60, eventLoopMaxMs: 8 } });
    expect(merge(causes, 1, 2).gc).toEqual({ kinds: { Scavenge: 1, "Mark-Compact": 1 }, totalMs: 94, maxMs: 90 });
  });
});
