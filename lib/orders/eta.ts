/**
 * Each stage's expected duration, learned from the event log: the median time recent orders
 * spent in it before moving on along the happy path. The tracking page turns these into an ETA
 * (lib/orders/estimate.ts).
 */
import "server-only";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/sqlite/client";
import { DEFAULT_STAGE_MS } from "./eta-defaults";
import type { StageDuration, StageDurations } from "./estimate";
import { OPEN_STATUSES, nextStatus, type OpenStatus } from "./status";

/** Only recent history counts: menus, staffing and seasons change. */
export const ETA_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
/** The newest completed stages per status that make up its median. */
export const ETA_MAX_SAMPLES = 200;
/** Below this many samples a median says little; the stage keeps its default. */
export const ETA_MIN_SAMPLES = 5;
/**
 * The newest events read at most. An order writes at most six, so this holds the last
 * ETA_MAX_SAMPLES of every stage with room to spare for orders still open or cancelled.
 */
export const ETA_MAX_EVENTS = ETA_MAX_SAMPLES * 10;
/** How long one process reuses what it learned; the tracking page is the hottest page. */
export const ETA_CACHE_MS = 60_000;

export interface StageEvent {
  id: number;
  orderId: string;
  status: string;
  previousStatus: string | null;
  at: Date;
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  if (sorted.length % 2 === 1) return upper;
  return Math.round(((sorted[middle - 1] ?? upper) + upper) / 2);
}

/**
 * The stage durations that `events` (any subset of the log, any order) show. A sample is one
 * order's time from the event that entered a stage to the event that moved it to the next
 * status on the happy path; a cancellation ends a stage without being a sample, and a stage
 * whose entering event is not in `events` is skipped.
 */
export function stageDurationsFromEvents(events: readonly StageEvent[]): StageDurations {
  const byOrder = new Map<string, StageEvent[]>();
  for (const event of events) {
    const list = byOrder.get(event.orderId);
    if (list) list.push(event);
    else byOrder.set(event.orderId, [event]);
  }

  // Per stage: [id of the event that ended it, duration], so the newest samples win below.
  const samples = new Map<OpenStatus, [number, number][]>(OPEN_STATUSES.map((status) => [status, []]));
  for (const list of byOrder.values()) {
    list.sort((a, b) => a.id - b.id);
    for (let i = 1; i < list.length; i++) {
      const entered = list[i - 1];
      const left = list[i];
      if (!entered || !left) continue;
      const stage = OPEN_STATUSES.find((status) => status === entered.status);
      if (!stage || left.previousStatus !== stage || left.status !== nextStatus(stage)) continue;
      const duration = left.at.getTime() - entered.at.getTime();
      if (duration >= 0) samples.get(stage)?.push([left.id, duration]);
    }
  }

  const durationOf = (status: OpenStatus): StageDuration => {
    const newest = (samples.get(status) ?? [])
      .sort((a, b) => b[0] - a[0])
      .slice(0, ETA_MAX_SAMPLES)
      .map(([, duration]) => duration)
      .sort((a, b) => a - b);
    const learned = newest.length >= ETA_MIN_SAMPLES;
    return { expectedMs: learned ? median(newest) : DEFAULT_STAGE_MS[status], samples: newest.length, learned };
  };
  return {
    stages: {
      placed: durationOf("placed"),
      confirmed: durationOf("confirmed"),
      preparing: durationOf("preparing"),
      ready: durationOf("ready"),
      out_for_delivery: durationOf("out_for_delivery"),
    },
  };
}

/**
 * Learns the stage durations from the log in one query: the newest ETA_MAX_EVENTS events of
 * the last ETA_WINDOW_MS, read backwards along the primary key (no index on time needed).
 */
export async function learnStageDurations(
  client: Pick<PrismaClient, "orderEvent">,
  now: number = Date.now(),
): Promise<StageDurations> {
  const events = await client.orderEvent.findMany({
    where: { at: { gte: new Date(now - ETA_WINDOW_MS) } },
    orderBy: { id: "desc" },
    take: ETA_MAX_EVENTS,
    select: { id: true, orderId: true, status: true, previousStatus: true, at: true },
  });
  return stageDurationsFromEvents(events);
}

let cached: { until: number; durations: Promise<StageDurations> } | undefined;

/**
 * The process's stage durations, learned at most once per ETA_CACHE_MS. Concurrent requests
 * share one query; a failed query is not kept, so the next request tries again.
 */
export function stageDurations(now: number = Date.now()): Promise<StageDurations> {
  if (cached && now < cached.until) return cached.durations;
  const durations = learnStageDurations(db(), now);
  const entry = { until: now + ETA_CACHE_MS, durations };
  cached = entry;
  durations.catch(() => {
    if (cached === entry) cached = undefined;
  });
  return durations;
}
