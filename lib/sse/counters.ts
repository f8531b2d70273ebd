/**
 * What the streams' hot paths count: plain numbers bumped in place (no labels hashed, no object
 * built per event or per subscriber), read by the Prometheus registry only when it is scraped
 * (lib/ops/metrics.ts). The one exception is the fan-out lag, a prom-client histogram observed
 * once per event the hub reads, never per subscriber. What the write path counts is the event
 * log's (lib/orders/event-log/append.ts).
 */
import "server-only";
import { Histogram } from "prom-client";
import { processSlot } from "@/lib/runtime";

export type StreamKind = "customer" | "staff";
/** Why a stream was refused: a per-address or per-link cap (429), or a shutdown (503). */
export type RefusalReason = "address" | "token" | "shutting_down";

/**
 * Seconds from an event's `at` to the hub's fan-out. `at` is stamped in the writing transaction,
 * so this includes the rest of that transaction, the commit, the wake-up and the hub's read: what
 * a customer waits beyond the network. The buckets bracket the poll interval (1 s), which is what a
 * missed wake-up costs.
 */
export const LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class StreamCounters {
  /** Live messages the hub handed to subscribers. */
  readonly delivered: Record<StreamKind, number> = { customer: 0, staff: 0 };
  /** Events a stream read from the log itself to catch a resuming client up. */
  readonly replayed: Record<StreamKind, number> = { customer: 0, staff: 0 };
  readonly opened: Record<StreamKind, number> = { customer: 0, staff: 0 };
  readonly refused: Record<RefusalReason, number> = { address: 0, token: 0, shutting_down: 0 };
  // Not registered anywhere yet: the registry that exposes these counters adopts it.
  readonly lag = new Histogram({
    name: "tracker_hub_lag_seconds",
    help: "Seconds from an event's commit time (its `at`) to the hub's fan-out of it.",
    buckets: LAG_BUCKETS,
    registers: [],
  });

  /** Called by the hub for each event it reads from the log. */
  fannedOut(at: string, now = Date.now()): void {
    // A clock step backwards must not record a negative lag.
    this.lag.observe(Math.max(0, now - Date.parse(at)) / 1000);
  }
}

// Next's route bundles and server.ts's hot paths each get their own copy of this module, and all
// of them must count into the same numbers (lib/runtime.ts).
const counters = processSlot("counters", () => new StreamCounters());

/** This process's counters. */
export function processStreamCounters(): StreamCounters {
  return counters();
}
