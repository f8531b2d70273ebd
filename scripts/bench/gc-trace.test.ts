import { describe, expect, it } from "vitest";
import { GcTrace, parseGcLine } from "./gc-trace";

// As Node 20 prints them.
const SCAVENGE = "[15025:0x123bf090]       93 ms: Scavenge 3.8 (4.0) -> 3.4 (5.0) MB, 12.13 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ";
const MARK_COMPACT =
  "[15041:0x43ea2090]      693 ms: Mark-Compact 55.5 (74.2) -> 45.7 (80.3) MB, 73.51 / 0.01 ms  (+ 0.8 ms in 1 steps since start of marking, biggest step 0.8 ms, walltime since start of marking 179 ms) (average mu = 1.000, current mu = 1.000) finalize incremental marking via stack guard; GC in old space requested";
const REDUCE = "[1:0xabc]     5000 ms: Mark-Compact (reduce) 20.1 (30.2) -> 19.9 (25.0) MB, 4.50 / 0.00 ms  (average mu = 0.9) memory reducer";

describe("parseGcLine", () => {
  it("reads the isolate, its stamp, the kind and the pause, and nothing from other output", () => {
    expect(parseGcLine(SCAVENGE)).toEqual({ isolate: "0x123bf090", stamp: 93, kind: "Scavenge", ms: 12.13 });
    expect(parseGcLine(MARK_COMPACT)).toEqual({ isolate: "0x43ea2090", stamp: 693, kind: "Mark-Compact", ms: 73.51 });
    expect(parseGcLine(REDUCE)).toMatchObject({ kind: "Mark-Compact (reduce)", ms: 4.5 });
    expect(parseGcLine("> Ready on http://127.0.0.1:3000")).toBeNull();
    expect(parseGcLine("")).toBeNull();
  });
});

describe("GcTrace", () => {
  it("places pauses on the receiver's clock from the promptest line, across chunks cut mid-line", () => {
    const trace = new GcTrace();
    const line = (stamp: number, ms: number) => `[7:0x1000]   ${stamp} ms: Scavenge 3.8 (4.0) -> 3.4 (5.0) MB, ${ms} / 0.00 ms  (average mu = 1.000) allocation failure; \n`;
    // The isolate started at 1000 on the receiver's clock: the first line came 5 ms late, the second 1 ms.
    const first = line(100, 2.5);
    trace.feed(first.slice(0, 30), 1105);
    trace.feed(first.slice(30) + "Ready\n" + line(300, 40).slice(0, 10), 1105);
    trace.feed(line(300, 40).slice(10), 1301);
    expect(trace.pauses()).toEqual([
      { kind: "Scavenge", at: 1101, ms: 2.5 },
      { kind: "Scavenge", at: 1301, ms: 40 },
    ]);
  });

  it("keeps the isolate that collects most, leaving out the module loader's threads", () => {
    const trace = new GcTrace();
    const line = (isolate: string, stamp: number) => `[7:${isolate}]   ${stamp} ms: Scavenge 3.8 (4.0) -> 3.4 (5.0) MB, 1.00 / 0.00 ms  (x)\n`;
    trace.feed(line("0x7f13a4000f00", 10) + line("0x2cc19dd0", 50) + line("0x2cc19dd0", 60), 100);
    expect(trace.pauses().map((p) => p.at)).toEqual([90, 100]);
  });
});
