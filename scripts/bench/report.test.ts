import { describe, expect, it } from "vitest";
import type { WorkloadResult } from "./load";
import { goals, table } from "./report";

function result(over: { p99?: number; lost?: number; duplicated?: number; failed?: number; bytesPerStream?: number }): WorkloadResult {
  const latency = { count: 10, p50: 5, p95: 9, p99: over.p99 ?? 10, max: 12 };
  return {
    changes: { offered: 10, answered: 10 - (over.failed ?? 0), failed: over.failed ?? 0, errors: [] },
    deliveries: { expected: 20, received: 20 - (over.lost ?? 0), lost: over.lost ?? 0, duplicated: over.duplicated ?? 0 },
    latency: { all: latency, customer: latency, staff: latency },
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
