import { describe, expect, it } from "vitest";
import { isGoalWorkload, parseBenchArgs } from "./options";

describe("parseBenchArgs", () => {
  it("defaults to the issue's workload against both servers", () => {
    expect(parseBenchArgs([])).toEqual({ customers: 10_000, staff: 50, rate: 200, seconds: 30, targets: ["tracker", "floor"], out: null, smoke: false, profile: null, database: "sqlite" });
  });

  it("starts from the smoke workload with --smoke, and flags override either", () => {
    expect(parseBenchArgs(["--smoke"])).toMatchObject({ customers: 300, staff: 5, rate: 50, seconds: 3, smoke: true });
    expect(parseBenchArgs(["--database", "postgresql"])).toMatchObject({ database: "postgresql", customers: 10_000 });
    expect(parseBenchArgs(["--streams", "2000", "--smoke", "--staff", "0", "--target", "floor", "--out", "x.json", "--profile", "prof"])).toMatchObject({
      customers: 2000,
      staff: 0,
      targets: ["floor"],
      out: "x.json",
      profile: "prof",
    });
  });

  it("refuses what it cannot use, with the usage", () => {
    expect(() => parseBenchArgs(["--streams", "-1"])).toThrow(/--streams needs a positive integer \(got -1\)\. usage:/);
    expect(() => parseBenchArgs(["--rate"])).toThrow(/--rate needs a positive integer \(got nothing\)/);
    expect(() => parseBenchArgs(["--target", "nginx"])).toThrow(/--target is tracker, floor or both/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown argument --fast/);
    expect(() => parseBenchArgs(["--database", "mysql"])).toThrow(/--database is sqlite or postgresql \(got mysql\)/);
  });
});

describe("isGoalWorkload", () => {
  it("holds for the issue's workload or a heavier one, not for the smoke run or a lighter flag", () => {
    expect(isGoalWorkload(parseBenchArgs([]))).toBe(true);
    expect(isGoalWorkload(parseBenchArgs(["--streams", "20000", "--seconds", "60"]))).toBe(true);
    expect(isGoalWorkload(parseBenchArgs(["--smoke"]))).toBe(false);
    expect(isGoalWorkload(parseBenchArgs(["--rate", "100"]))).toBe(false);
    expect(isGoalWorkload(parseBenchArgs(["--staff", "0"]))).toBe(false);
  });
});
