import { describe, expect, it } from "vitest";
import { percentile, perSecond, ratio, summarize } from "./stats";

describe("percentile", () => {
  it("takes the nearest rank, so p99 of 100 samples is the 99th smallest", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts numerically (not as strings) before ranking", () => {
    expect(summarize([100, 9, 20, 3])).toEqual({ count: 4, p50: 9, p95: 100, p99: 100, max: 100 });
  });
});

describe("ratio", () => {
  it("is NaN rather than Infinity when there is nothing to compare with", () => {
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});

describe("perSecond", () => {
  it("groups each latency under the second its change started in, leaving quiet seconds empty", () => {
    const offsets = [10, 999, 1000, 3500, 3999];
    const latencies = [5, 7, 300, 2, 4];
    expect(perSecond(offsets, latencies)).toEqual([
      { second: 0, count: 2, p50: 5, p99: 7, max: 7 },
      { second: 1, count: 1, p50: 300, p99: 300, max: 300 },
      { second: 2, count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN },
      { second: 3, count: 2, p50: 2, p99: 4, max: 4 },
    ]);
  });
});
