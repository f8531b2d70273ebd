/**
 * The tracking page's estimate: from an order's timeline, each stage's expected duration and
 * "now", when the order will be ready and delivered, how long that is from now, and how far
 * along it is. Pure and free of server code, so the page recomputes it on every tick and event.
 */
import { OPEN_STATUSES, PROGRESS, type OpenStatus, type OrderStatus } from "./status";

/** One stage's expected duration, as the server learned it (or its default when it could not). */
export interface StageDuration {
  expectedMs: number;
  /** How many recent completed stages the expectation comes from. */
  samples: number;
  /** False when too few samples exist and `expectedMs` is the built-in default. */
  learned: boolean;
}

/** Each open status's expected time until the order moves on along the happy path. */
export interface StageDurations {
  stages: Record<OpenStatus, StageDuration>;
}

export type Estimate =
  | { kind: "finished"; status: "delivered" | "cancelled"; at: number }
  | {
      kind: "open";
      status: OpenStatus;
      /** When the order should reach "ready"; null once it has. */
      readyAt: number | null;
      deliveryAt: number;
      remainingMs: number;
      /** 0..1: the share of the order's expected total time (elapsed + remaining) already behind it. */
      progress: number;
      /** The current stage has taken longer than expected, so the estimate has moved out. */
      overdue: boolean;
    };

/**
 * What is left of a stage that has run over: the estimate then stays this far ahead of "now"
 * (moving out as time passes) instead of landing in the past.
 */
export const OVERRUN_REMAINING_MS = 60_000;

interface TimelineEntry {
  status: OrderStatus;
  at: string;
}

function isOpen(status: OrderStatus): status is OpenStatus {
  return (OPEN_STATUSES as readonly OrderStatus[]).includes(status);
}

/** The stages after `status` up to and including `last`, in happy-path order. */
function stagesBetween(status: OpenStatus, last: OpenStatus): OpenStatus[] {
  return OPEN_STATUSES.slice(OPEN_STATUSES.indexOf(status) + 1, OPEN_STATUSES.indexOf(last) + 1);
}

export function estimate(
  order: { status: OrderStatus; createdAt: string; timeline: readonly TimelineEntry[] },
  durations: StageDurations,
  now: number,
): Estimate {
  const last = order.timeline[order.timeline.length - 1];
  const status = order.status;
  if (!isOpen(status)) {
    return { kind: "finished", status, at: last ? Date.parse(last.at) : Date.parse(order.createdAt) };
  }

  const startedAt = Date.parse(order.timeline[0]?.at ?? order.createdAt);
  // The newest entry for the current status: the moment the order entered this stage.
  const entered = order.timeline.findLast((entry) => entry.status === status);
  const stageStart = entered ? Date.parse(entered.at) : startedAt;

  const expected = durations.stages[status].expectedMs;
  const inStage = Math.max(0, now - stageStart);
  const overdue = inStage > expected;
  const currentLeft = Math.max(expected - inStage, Math.min(expected, OVERRUN_REMAINING_MS));
  const sum = (stages: OpenStatus[]) => stages.reduce((total, stage) => total + durations.stages[stage].expectedMs, 0);

  const beforeReady = PROGRESS.indexOf(status) < PROGRESS.indexOf("ready");
  const readyAt = beforeReady ? now + currentLeft + sum(stagesBetween(status, "preparing")) : null;
  const remainingMs = currentLeft + sum(stagesBetween(status, "out_for_delivery"));
  const elapsed = Math.max(0, now - startedAt);
  const progress = elapsed + remainingMs === 0 ? 0 : elapsed / (elapsed + remainingMs);

  return { kind: "open", status, readyAt, deliveryAt: now + remainingMs, remainingMs, progress, overdue };
}

/** "under a minute", "about 1 min", "about 25 min", "about 1 h 10 min". */
export function formatRemaining(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `about ${hours} h ${minutes % 60} min` : `about ${hours} h`;
}
