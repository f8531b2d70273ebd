import { describe, expect, it } from "vitest";
import type { SecondCauses } from "./causes";
import type { WorkloadResult } from "./load";
import { clientWarnings, goals, table, worstSecond, worstSecondLine } from "./report";

function result(over: {
  p99?: number;
  lost?: number;
  duplicated?: number;
  failed?: number;
  bytesPerStream?: number;
  bySecond?: WorkloadResult["bySecond"];
  cpuSeconds?: number;
  client?: WorkloadResult["client"];
  causes?: SecondCauses[];
}): WorkloadResult {
  const latency = { count: 10, p50: 5, p95: 9, p99: over.p99 ?? 10, max: 12 };
  return {
    changes: { offered: 10, answered: 10 - (over.failed ?? 0), failed: over.failed ?? 0, errors: [] },
    deliveries: { expected: 20, received: 20 - (over.lost ?? 0), lost: over.lost ?? 0, duplicated: over.duplicated ?? 0 },
    latency: { all: latency, customer: latency, staff: latency },
    answer: latency,
    bySecond: over.bySecond ?? [],
    eventsPerSecond: 100,
    memory: { baselineRssBytes: 1e8, openRssBytes: 2e8, bytesPerStream: over.bytesPerStream ?? 40_960, peakRssBytes: 2e8 },
    cpuPercent: 50,
    cpuSeconds: over.cpuSeconds ?? 0.01,
    client: over.client ?? { cpuPercent: 20, eventLoopDelayP99Ms: 1, eventLoopDelayMaxMs: 3 },
    causes: over.causes ?? [],
    timings: { ordersSeconds: 1, openSeconds: 1, driveSeconds: 1 },
  };
}

describe("goals", () => {
  it("are met by a fast, exact run that uses at most twice the floor's memory per stream and CPU per change", () => {
    const verdict = goals({ tracker: result({ p99: 50, bytesPerStream: 20_000, cpuSeconds: 0.02 }), floor: result({ bytesPerStream: 10_000, cpuSeconds: 0.01 }) });
    expect(verdict.map((g) => g.met)).toEqual([true, true, true, true]);
  });

  it("are missed one by one: slow p99, any loss, duplicate or failed change, memory or CPU past 2x", () => {
    const verdict = goals({ tracker: result({ p99: 50.5, duplicated: 1, bytesPerStream: 20_001, cpuSeconds: 0.025 }), floor: result({ bytesPerStream: 10_000, cpuSeconds: 0.01 }) });
    expect(verdict.map((g) => [g.met, g.detail])).toEqual([
      [false, "50.5 ms"],
      [false, "0 lost, 1 duplicated, 0 failed"],
      [false, "2.00x"],
      [false, "2.50x (2.50 ms against 1.00 ms)"],
    ]);
    expect(goals({ tracker: result({}) }).map((g) => g.name)).not.toContain("CPU per change <= 2x the floor's");
    expect(goals({ tracker: result({ lost: 1 }) })[1]?.met).toBe(false);
    expect(goals({ tracker: result({ failed: 1 }) })[1]?.met).toBe(false);
  });
});

describe("table", () => {
  it("puts both servers and their ratio side by side, and n/a where one is missing", () => {
    const both = table({ tracker: result({ bytesPerStream: 30_720 }), floor: result({ bytesPerStream: 10_240 }) });
    expect(both).toMatch(/RSS per stream \(KB\)\s+30\.0\s+10\.0\s+3\.00/);
    const alone = table({ tracker: result({}) });
    expect(alone).toMatch(/latency p99 \(ms\)\s+10\.0\s+-\s+n\/a/);
  });

  it("shows server CPU per change answered, and the client's CPU and event-loop delay beside it", () => {
    const both = table({ tracker: result({ cpuSeconds: 0.03, failed: 4 }), floor: result({ cpuSeconds: 0.01 }) });
    expect(both).toMatch(/server CPU per change \(ms\)\s+5\.00\s+1\.00\s+5\.00/);
    expect(both).toMatch(/client CPU \(% of a core\)\s+20\s+20\s+1\.00/);
    expect(both).toMatch(/client event-loop delay p99 \(ms\)\s+1\.0\s+1\.0/);
    expect(both).toMatch(/client event-loop delay max \(ms\)\s+3\.0\s+3\.0/);
  });
});

describe("clientWarnings", () => {
  it("says the client may have limited a run when it was near a core's worth of CPU or its loop lagged by a good part of the p99", () => {
    const client = (cpuPercent: number, eventLoopDelayP99Ms: number) => ({ cpuPercent, eventLoopDelayP99Ms, eventLoopDelayMaxMs: 40 });
    expect(clientWarnings({ tracker: result({ client: client(84, 9.9), p99: 20 }), floor: result({}) })).toEqual([]);
    // 23 ms of lag against a p99 of 400 s: the server's backlog, not the client.
    expect(clientWarnings({ tracker: result({ client: client(17, 22.8), p99: 414_224 }) })).toEqual([]);
    expect(clientWarnings({ tracker: result({ client: client(85, 2) }), floor: result({ client: client(30, 12.5), p99: 50 }) })).toEqual([
      "tracker: the client, not the server, may have limited this run (client CPU 85 %, event-loop delay p99 2.0 ms)",
      "floor: the client, not the server, may have limited this run (client CPU 30 %, event-loop delay p99 12.5 ms)",
    ]);
  });
});

describe("worstSecond", () => {
  it("is the second with the highest p99, skipping seconds without deliveries", () => {
    const second = (n: number, p99: number, count = 5) => ({ second: n, count, p50: 1, p99, max: p99 });
    const r = result({ bySecond: [second(0, 4), second(1, 90), second(2, Number.NaN, 0), second(3, 12)] });
    expect(worstSecond(r)).toEqual(second(1, 90));
    expect(table({ tracker: r })).toMatch(/worst second's p99 \(ms\)\s+90\.0/);
    expect(worstSecond(result({}))).toBeUndefined();
  });
});

describe("worstSecondLine", () => {
  const second = (n: number, p99: number, max: number) => ({ second: n, count: 5, p50: 1, p99, max });
  const causes = (n: number, over: Partial<SecondCauses> = {}): SecondCauses => ({
    second: n,
    gc: { kinds: {}, totalMs: 0, maxMs: 0 },
    keepAlives: 100,
    client: { cpuPercent: 30, eventLoopMaxMs: 2 },
    ...over,
  });

  it("gives the worst second's causes over the seconds its deliveries were on their way", () => {
    const r = result({
      bySecond: [second(0, 5, 8), second(1, 63, 1200), second(2, 7, 9), second(3, 4, 5)],
      causes: [
        causes(0, { gc: { kinds: { "Mark-Compact": 9 }, totalMs: 900, maxMs: 100 } }),
        causes(1, { gc: { kinds: { "Mark-Compact": 1, Scavenge: 3 }, totalMs: 80, maxMs: 60 }, keepAlives: 9_700 }),
        causes(2, { gc: { kinds: { "Mark-Compact": 1 }, totalMs: 15, maxMs: 15 }, client: { cpuPercent: 91, eventLoopMaxMs: 4.25 } }),
        causes(3, { gc: { kinds: { Scavenge: 50 }, totalMs: 50, maxMs: 1 } }),
        causes(4),
      ],
    });
    expect(worstSecondLine(r)).toBe(
      "worst second: 1 (p99 63.0 ms; seconds 1-3, while its deliveries were on their way): " +
        "server GC 2 × Mark-Compact, 53 × Scavenge, 145.0 ms (largest 60.0 ms); 9,900 keep-alive frames; client CPU up to 91 %, event-loop max 4.3 ms",
    );
  });

  it("stops at the last second measured, looks at most 2 s past a backlog's second, and says when nothing collected", () => {
    const r = result({ bySecond: [second(0, 5, 8), second(1, 9, 20)], causes: [causes(0), causes(1)] });
    const backlog = result({ bySecond: [second(0, 400_000, 418_016)], causes: Array.from({ length: 478 }, (_, n) => causes(n)) });
    expect(worstSecondLine(backlog)).toMatch(/^worst second: 0 \(p99 400,000\.0 ms; its deliveries waited up to 418\.0 s, a backlog; seconds 0-2\): no server GC; 300 keep-alive/);
    expect(worstSecondLine(r)).toBe(
      "worst second: 1 (p99 9.0 ms; second 1, while its deliveries were on their way): no server GC; 100 keep-alive frames; client CPU up to 30 %, event-loop max 2.0 ms",
    );
    expect(worstSecondLine(result({}))).toBeUndefined();
  });
});
