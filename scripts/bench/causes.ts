/**
 * What happened in each second of the drive that can slow deliveries down, as far as the benchmark
 * can see it: the server's GC pauses, the keep-alive frames it wrote, and the client's own load.
 * Seconds count from the drive's start, as the per-second latencies do. Pure, so it is unit-tested.
 */
import type { ClientSecond } from "./client-monitor";
import type { GcPause } from "./gc-trace";

export interface Causes {
  /** The server's GC pauses that started in the span: count by kind, total and largest pause. */
  gc: { kinds: Record<string, number>; totalMs: number; maxMs: number };
  /** Keep-alive comment frames that arrived in the span, all streams together. */
  keepAlives: number;
  /** The client's CPU (% of a core, the span's highest second) and its event loop's worst delay. */
  client: { cpuPercent: number; eventLoopMaxMs: number };
}

export interface SecondCauses extends Causes {
  second: number;
}

const none = (): Causes => ({ gc: { kinds: {}, totalMs: 0, maxMs: 0 }, keepAlives: 0, client: { cpuPercent: 0, eventLoopMaxMs: 0 } });

/** One entry per second from `driveStart` (ms, the benchmark's clock) for `seconds` seconds. */
export function bySecond(input: { driveStart: number; seconds: number; gc: readonly GcPause[]; keepAlives: readonly number[]; client: readonly ClientSecond[] }): SecondCauses[] {
  const causes: SecondCauses[] = Array.from({ length: input.seconds }, (_, second) => ({ second, ...none() }));
  for (const pause of input.gc) {
    const entry = causes[Math.floor((pause.at - pause.ms - input.driveStart) / 1000)];
    if (!entry) continue;
    entry.gc.kinds[pause.kind] = (entry.gc.kinds[pause.kind] ?? 0) + 1;
    entry.gc.totalMs += pause.ms;
    entry.gc.maxMs = Math.max(entry.gc.maxMs, pause.ms);
  }
  input.keepAlives.forEach((count, second) => {
    const entry = causes[second];
    if (entry) entry.keepAlives = count;
  });
  for (const sample of input.client) {
    const entry = causes[sample.second];
    if (entry) entry.client = { cpuPercent: sample.cpuPercent, eventLoopMaxMs: sample.eventLoopMaxMs };
  }
  return causes;
}

/** Seconds `from` to `to` (inclusive) as one span. */
export function merge(causes: readonly SecondCauses[], from: number, to: number): Causes {
  const total = none();
  for (const entry of causes.slice(from, to + 1)) {
    for (const [kind, count] of Object.entries(entry.gc.kinds)) total.gc.kinds[kind] = (total.gc.kinds[kind] ?? 0) + count;
    total.gc.totalMs += entry.gc.totalMs;
    total.gc.maxMs = Math.max(total.gc.maxMs, entry.gc.maxMs);
    total.keepAlives += entry.keepAlives;
    total.client.cpuPercent = Math.max(total.client.cpuPercent, entry.client.cpuPercent);
    total.client.eventLoopMaxMs = Math.max(total.client.eventLoopMaxMs, entry.client.eventLoopMaxMs);
  }
  return total;
}
