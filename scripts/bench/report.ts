/** The benchmark's table and its verdict on the issue's goals. Pure, so it is unit-tested. */
import { merge, type Causes } from "./causes";
import type { WorkloadResult } from "./load";
import { ratio, type SecondSummary } from "./stats";

export type Results = Partial<Record<"tracker" | "floor", WorkloadResult>>;

export interface Goal {
  name: string;
  met: boolean;
  detail: string;
}

export const GOALS = { p99Ms: 50, memoryRatio: 2, cpuPerChangeRatio: 2 } as const;

/**
 * Past these the client was busy enough to delay what it measures: a delivery waits in the socket
 * until the client's loop reads it, and a change starts when the loop gets to it. A late loop adds
 * at most its delay at each end, so it counts only where it is a quarter of the latency's p99 or
 * more: 20 ms of lag does not make a 400-s backlog.
 */
export const CLIENT_LIMITS = { cpuPercent: 85, eventLoopDelayP99Ms: 10, eventLoopShareOfP99: 0.25 } as const;

/**
 * The worst second's causes are looked for while its deliveries were on their way, up to this
 * long: past it the server has fallen behind, and the seconds after are a backlog's, not a stall's.
 */
const CAUSE_SPAN_MS = 2000;

function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const ROWS: [label: string, value: (r: WorkloadResult) => number, digits: number][] = [
  ["latency p50 (ms)", (r) => r.latency.all.p50, 1],
  ["latency p95 (ms)", (r) => r.latency.all.p95, 1],
  ["latency p99 (ms)", (r) => r.latency.all.p99, 1],
  ["latency max (ms)", (r) => r.latency.all.max, 1],
  ["customer p99 (ms)", (r) => r.latency.customer.p99, 1],
  ["staff p99 (ms)", (r) => r.latency.staff.p99, 1],
  ["change answered p99 (ms)", (r) => r.answer.p99, 1],
  ["worst second's p99 (ms)", (r) => worstSecond(r)?.p99 ?? Number.NaN, 1],
  ["events delivered/s", (r) => r.eventsPerSecond, 0],
  ["changes answered", (r) => r.changes.answered, 0],
  ["changes failed", (r) => r.changes.failed, 0],
  ["deliveries lost", (r) => r.deliveries.lost, 0],
  ["deliveries duplicated", (r) => r.deliveries.duplicated, 0],
  ["RSS per stream (KB)", (r) => r.memory.bytesPerStream / 1024, 1],
  ["RSS with streams open (MB)", (r) => r.memory.openRssBytes / 1024 / 1024, 0],
  ["server CPU (% of a core)", (r) => r.cpuPercent, 0],
  ["server CPU per change (ms)", (r) => cpuPerChangeMs(r), 2],
  ["client CPU (% of a core)", (r) => r.client.cpuPercent, 0],
  ["client event-loop delay p99 (ms)", (r) => r.client.eventLoopDelayP99Ms, 1],
  ["client event-loop delay max (ms)", (r) => r.client.eventLoopDelayMaxMs, 1],
];

/** Server CPU time over the drive, per change answered. */
export function cpuPerChangeMs(result: WorkloadResult): number {
  return result.changes.answered > 0 ? (result.cpuSeconds * 1000) / result.changes.answered : Number.NaN;
}

/** The second of the drive whose deliveries had the highest p99. */
export function worstSecond(result: WorkloadResult): SecondSummary | undefined {
  let worst: SecondSummary | undefined;
  for (const second of result.bySecond) if (second.count > 0 && (!worst || second.p99 > worst.p99)) worst = second;
  return worst;
}

/** The worst second's causes, over the seconds its deliveries were on their way. */
export function worstSecondCauses(result: WorkloadResult): { second: SecondSummary; from: number; to: number; causes: Causes } | undefined {
  const second = worstSecond(result);
  if (!second) return undefined;
  const to = Math.min(result.causes.length - 1, second.second + Math.ceil(Math.min(second.max, CAUSE_SPAN_MS) / 1000));
  return { second, from: second.second, to, causes: merge(result.causes, second.second, to) };
}

function describeCauses(causes: Causes): string {
  const kinds = Object.entries(causes.gc.kinds);
  const gc = kinds.length
    ? `server GC ${kinds.map(([kind, count]) => `${count} × ${kind}`).join(", ")}, ${fmt(causes.gc.totalMs)} ms (largest ${fmt(causes.gc.maxMs)} ms)`
    : "no server GC";
  return `${gc}; ${fmt(causes.keepAlives, 0)} keep-alive frames; client CPU up to ${fmt(causes.client.cpuPercent, 0)} %, event-loop max ${fmt(causes.client.eventLoopMaxMs)} ms`;
}

/** "worst second: 17 (p99 63.0 ms; seconds 17-18, while its deliveries were on their way): server GC ...". */
export function worstSecondLine(result: WorkloadResult): string | undefined {
  const worst = worstSecondCauses(result);
  if (!worst) return undefined;
  const span = worst.to > worst.from ? `seconds ${worst.from}-${worst.to}` : `second ${worst.from}`;
  const when =
    worst.second.max > CAUSE_SPAN_MS
      ? `its deliveries waited up to ${fmt(worst.second.max / 1000)} s, a backlog; ${span}`
      : `${span}, while its deliveries were on their way`;
  return `worst second: ${worst.second.second} (p99 ${fmt(worst.second.p99)} ms; ${when}): ${describeCauses(worst.causes)}`;
}

/** Why a run's numbers may be the client's rather than the server's; empty when they are not. */
export function clientWarnings(results: Results): string[] {
  return Object.entries(results).flatMap(([target, r]) =>
    r &&
    (r.client.cpuPercent >= CLIENT_LIMITS.cpuPercent ||
      (r.client.eventLoopDelayP99Ms >= CLIENT_LIMITS.eventLoopDelayP99Ms && r.client.eventLoopDelayP99Ms >= r.latency.all.p99 * CLIENT_LIMITS.eventLoopShareOfP99))
      ? [`${target}: the client, not the server, may have limited this run (client CPU ${fmt(r.client.cpuPercent, 0)} %, event-loop delay p99 ${fmt(r.client.eventLoopDelayP99Ms)} ms)`]
      : [],
  );
}

export function table(results: Results): string {
  const { tracker, floor } = results;
  const header = ["", "tracker", "floor", "tracker/floor"];
  const lines = ROWS.map(([label, value, digits]) => {
    const a = tracker ? value(tracker) : Number.NaN;
    const b = floor ? value(floor) : Number.NaN;
    return [label, tracker ? fmt(a, digits) : "-", floor ? fmt(b, digits) : "-", fmt(ratio(a, b), 2)];
  });
  const widths = header.map((_, col) => Math.max(...[header, ...lines].map((row) => (row[col] ?? "").length)));
  const render = (row: string[]) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join("  ");
  return [render(header), ...lines.map(render)].join("\n");
}

/** The issues' targets for Tracker: p99, nothing lost or doubled, memory per stream and CPU per change against the floor's. */
export function goals(results: Results): Goal[] {
  const { tracker, floor } = results;
  if (!tracker) return [];
  const list: Goal[] = [
    {
      name: `p99 change-to-delivery <= ${GOALS.p99Ms} ms`,
      met: tracker.latency.all.p99 <= GOALS.p99Ms,
      detail: `${fmt(tracker.latency.all.p99)} ms`,
    },
    {
      name: "0 lost, 0 duplicated, 0 failed changes",
      met: tracker.deliveries.lost === 0 && tracker.deliveries.duplicated === 0 && tracker.changes.failed === 0,
      detail: `${tracker.deliveries.lost} lost, ${tracker.deliveries.duplicated} duplicated, ${tracker.changes.failed} failed`,
    },
  ];
  if (floor) {
    const memory = ratio(tracker.memory.bytesPerStream, floor.memory.bytesPerStream);
    list.push({ name: `memory per stream <= ${GOALS.memoryRatio}x the floor's`, met: memory <= GOALS.memoryRatio, detail: `${fmt(memory, 2)}x` });
    const cpu = ratio(cpuPerChangeMs(tracker), cpuPerChangeMs(floor));
    list.push({
      name: `CPU per change <= ${GOALS.cpuPerChangeRatio}x the floor's`,
      met: cpu <= GOALS.cpuPerChangeRatio,
      detail: `${fmt(cpu, 2)}x (${fmt(cpuPerChangeMs(tracker), 2)} ms against ${fmt(cpuPerChangeMs(floor), 2)} ms)`,
    });
  }
  return list;
}
