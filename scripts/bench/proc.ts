/** A server process's resident memory and CPU time, read from /proc (Linux). */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

export interface ProcessSample {
  at: number;
  rssBytes: number;
  /** user + system CPU seconds since the process started. */
  cpuSeconds: number;
}

// sysconf(_SC_CLK_TCK): 100 on every Linux this runs on (x86_64 and arm64 kernels fix it).
const CLOCK_TICKS = 100;

export class ProcessSampler {
  constructor(private readonly pid: number) {}

  sample(): ProcessSample {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    const rssKb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const stat = readFileSync(`/proc/${this.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return { at: performance.now(), rssBytes: rssKb * 1024, cpuSeconds: ticks / CLOCK_TICKS };
  }

  /** CPU used between two samples, in % of one core. */
  static cpuPercent(from: ProcessSample, to: ProcessSample): number {
    const wall = (to.at - from.at) / 1000;
    return wall > 0 ? ((to.cpuSeconds - from.cpuSeconds) / wall) * 100 : Number.NaN;
  }
}
