import { describe, expect, it } from "vitest";
import type { WorkloadResult } from "./load";
import { goals, table, worstSecond } from "./report";

function result(over: { p99?: number; lost?: number; duplicated?: number; failed?: number; bytesPerStream?: number; bySecond?: WorkloadResult["bySecond"] }): WorkloadResult {
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
    timings: { ordersSeconds: 1, openSeconds: 1, driveSeconds: 1 },
  };
}

describe("goals", () => {
  it("are met by a fast, exact run that uses at most twice the floor's memory per stream", () => {
    const verdict = goals({ tracker: result({ p99: 50, bytesPerStream: 20_000 }), floor: result({ bytesPerStream: 10_000 }) });
    expect(verdict.map((g) => g.met)).toEqual([true, true, true]);
  });

  it("are missed one by one: slow p99, any loss, duplicate or failed change, memory past 2x", () => {
    const verdict = goals({ tracker: result({ p99: 50.5, duplicated: 1, bytesPerStream: 20_001 }), floor: result({ bytesPerStream: 10_000 }) });
    expect(verdict.map((g) => [g.met, g.detail])).toEqual([
      [false, "50.5 ms"],
      [false, "0 lost, 1 duplicated, 0 failed"],
      [false, "2.00x"],
    ]);
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
