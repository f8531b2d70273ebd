import { describe, expect, it } from "vitest";
import { percentile, ratio, summarize } from "./stats";

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
