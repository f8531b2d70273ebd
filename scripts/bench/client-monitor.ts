/**
 * The benchmark process's own load over the drive: its CPU and how late its event loop ran, over
 * the whole drive and second by second. A busy client delays deliveries it then blames on the
 * server; these say when that may have happened.
 */
import { monitorEventLoopDelay, performance, type IntervalHistogram } from "node:perf_hooks";

export interface ClientSecond {
  second: number;
  cpuPercent: number;
  eventLoopMaxMs: number;
}

export interface ClientUsage {
  /** In % of one core, main thread and any other threads of the process together. */
  cpuPercent: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  seconds: ClientSecond[];
}

const RESOLUTION_MS = 10;

// Node 20 records the whole interval between the monitor's ticks, the resolution included.
const delayMs = (histogram: IntervalHistogram, nanoseconds: number) => (histogram.count > 0 ? Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS) : 0);

export class ClientMonitor {
  private readonly whole = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly second = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly seconds: ClientSecond[] = [];
  private readonly startCpu = process.cpuUsage();
  private secondCpu = this.startCpu;
  private secondAt: number;
  private timer: NodeJS.Timeout | undefined;

  /** Starts measuring now; `origin` is the drive's start, on performance.now()'s clock. */
  constructor(private readonly origin: number) {
    this.secondAt = origin;
    this.whole.enable();
    this.second.enable();
    this.schedule();
  }

  // Each sample at the next whole second of the drive, not every 1,000 ms: no drift over a minute.
  private schedule(): void {
    const next = this.seconds.length + 1;
    this.timer = setTimeout(() => {
      this.closeSecond();
      this.schedule();
    }, Math.max(0, this.origin + next * 1000 - performance.now()));
  }

  private closeSecond(): void {
    const cpu = process.cpuUsage();
    const now = performance.now();
    const usedMs = (cpu.user + cpu.system - this.secondCpu.user - this.secondCpu.system) / 1000;
    this.seconds.push({ second: this.seconds.length, cpuPercent: (usedMs / (now - this.secondAt)) * 100, eventLoopMaxMs: delayMs(this.second, this.second.max) });
    this.secondCpu = cpu;
    this.secondAt = now;
    this.second.reset();
  }

  stop(): ClientUsage {
    clearTimeout(this.timer);
    this.closeSecond();
    this.whole.disable();
    this.second.disable();
    const cpu = process.cpuUsage(this.startCpu);
    const wallMs = performance.now() - this.origin;
    return {
      cpuPercent: wallMs > 0 ? ((cpu.user + cpu.system) / 1000 / wallMs) * 100 : Number.NaN,
      eventLoopDelayP99Ms: delayMs(this.whole, this.whole.percentile(99)),
      eventLoopDelayMaxMs: delayMs(this.whole, this.whole.max),
      seconds: this.seconds,
    };
  }
}
