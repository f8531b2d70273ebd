/** The benchmark's table and its verdict on the goals. Pure, so it is unit-tested. */
import type { WorkloadResult } from "./load";
import { ratio, type SecondSummary } from "./stats";

export type Results = Partial<Record<"tracker" | "floor", WorkloadResult>>;

export interface Goal {
  name: string;
  met: boolean;
  detail: string;
}

export const GOALS = { p99Ms: 50, memoryRatio: 2 } as const;

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
];

/** The second of the drive whose deliveries had the highest p99. */
export function worstSecond(result: WorkloadResult): SecondSummary | undefined {
  let worst: SecondSummary | undefined;
  for (const second of result.bySecond) if (second.count > 0 && (!worst || second.p99 > worst.p99)) worst = second;
  return worst;
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

/** The targets for Tracker: p99, nothing lost or doubled, memory per stream against the floor. */
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
  }
  return list;
}
