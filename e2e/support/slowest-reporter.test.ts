import { describe, expect, it } from "vitest";
import { slowestSummary } from "./slowest-reporter";

describe("slowestSummary", () => {
  it("lists the slowest tests first, then the spec files by their total time and share", () => {
    const lines = slowestSummary([
      { project: "sqlite", file: "a.spec.ts", title: "quick", ms: 1_000 },
      { project: "sqlite", file: "b.spec.ts", title: "slow", ms: 30_000 },
      { project: "postgresql", file: "a.spec.ts", title: "quick", ms: 1_500 },
      { project: "sqlite", file: "a.spec.ts", title: "middling", ms: 7_500 },
    ]);
    expect(lines).toEqual([
      "Slowest tests (of 4, 40.0 s in all):",
      "  30.0 s  [sqlite] b.spec.ts › slow",
      "   7.5 s  [sqlite] a.spec.ts › middling",
      "   1.5 s  [postgresql] a.spec.ts › quick",
      "   1.0 s  [sqlite] a.spec.ts › quick",
      "Slowest spec files (every project):",
      "  30.0 s  b.spec.ts  (75 %)",
      "  10.0 s  a.spec.ts  (25 %)",
    ]);
  });
});
