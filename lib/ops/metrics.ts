/**
 * The process's numbers in Prometheus's text format (GET /api/metrics). A registry of our own,
 * not prom-client's global one, so tests build theirs from their own counters and hub. Every
 * value is read at scrape time: the hot paths only bump plain numbers (lib/sse/counters.ts,
 * lib/orders/event-log/append.ts), and
 * the open-stream gauges come from the hub's own bookkeeping, so a stream costs nothing extra.
 *
 * Each instance reports its own numbers (its hub, its writes); Prometheus scrapes every instance
 * on its own address and sums across them.
 */
import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import { processWrittenCounts, type WrittenCounts } from "@/lib/orders/event-log/append";
import { existingHub } from "@/lib/orders/event-log/hub";
import { defaultEventLog } from "@/lib/orders/event-log/log";
import { processSlot } from "@/lib/runtime";
import { processStreamCounters, type StreamCounters } from "@/lib/sse/counters";
import type { HubStats } from "@/lib/sse/hub";
import { shared, within } from "./within";

/** A scrape waits this long for the log's head; Prometheus's own scrape timeout is 10 s. */
const HEAD_TIMEOUT_MS = 2000;

export interface MetricsSources {
  counters: StreamCounters;
  written: WrittenCounts;
  /** The hub's numbers now; null while this process has no hub (no stream has opened yet). */
  hub(): HubStats | null;
  /** The log's head (its highest event id), read only while the hub runs. */
  head(): Promise<number>;
}

/** A counter whose value is copied from `read()` at each scrape, one series per key. */
function copiedCounter<K extends string>(
  registry: Registry,
  name: string,
  help: string,
  label: string,
  read: () => Record<K, number>,
): void {
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, value] of Object.entries<number>(read())) this.inc({ [label]: key }, value);
    },
  });
}

export function createMetricsRegistry(sources: MetricsSources, options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  const { counters, written } = sources;

  new Gauge({
    name: "tracker_open_streams",
    help: "Event streams open on this instance, by kind.",
    labelNames: ["kind"],
    registers: [registry],
    collect() {
      const stats = sources.hub();
      this.set({ kind: "customer" }, stats ? stats.subscribers - stats.staff : 0);
      this.set({ kind: "staff" }, stats?.staff ?? 0);
    },
  });
  new Gauge({
    name: "tracker_hub_running",
    help: "1 while this instance's hub follows the log (it runs while any stream is open), else 0.",
    registers: [registry],
    collect() {
      this.set(sources.hub()?.running ? 1 : 0);
    },
  });
  new Gauge({
    name: "tracker_hub_behind_events",
    help: "Events in the log that the hub has not fanned out yet, measured at scrape time (0 while it is idle).",
    registers: [registry],
    async collect() {
      const stats = sources.hub();
      if (!stats?.running) return this.set(0);
      const head = await within(() => sources.head(), HEAD_TIMEOUT_MS);
      // The database did not answer in time: no sample rather than a made-up one (GET /api/health names it).
      if (head.ok) this.set(Math.max(0, head.value - stats.cursor));
      else this.reset();
    },
  });
  new Counter({
    name: "tracker_hub_log_reads_total",
    help: "Reads of the event log by this instance's hub (one per wake-up or poll, whatever the number of streams).",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.hub()?.reads ?? 0);
    },
  });
  copiedCounter(registry, "tracker_events_written_total", "Events this instance appended to the log, counted once their transaction committed.", "type", () => written);
  copiedCounter(registry, "tracker_events_delivered_total", "Live event messages the hub handed to open streams, by stream kind.", "kind", () => counters.delivered);
  copiedCounter(registry, "tracker_events_replayed_total", "Events a stream read back from the log to catch a resuming client up, by stream kind.", "kind", () => counters.replayed);
  copiedCounter(registry, "tracker_streams_opened_total", "Event streams opened on this instance, by kind.", "kind", () => counters.opened);
  copiedCounter(
    registry,
    "tracker_stream_refusals_total",
    "Event streams refused: a per-address or per-link cap (429), or this instance shutting down (503).",
    "reason",
    () => counters.refused,
  );
  registry.registerMetric(counters.lag);

  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

// One registry per process, whichever bundle serves the scrape, and Node's default metrics (an
// event-loop monitor, a GC observer) installed once (lib/runtime.ts).
const registry = processSlot("metrics", () =>
  createMetricsRegistry(
    {
      counters: processStreamCounters(),
      written: processWrittenCounts(),
      hub: () => existingHub()?.stats() ?? null,
      head: shared(() => defaultEventLog().latestEventId()),
    },
    { defaultMetrics: true },
  ),
);

/** This process's registry: its counters, its hub, its database, and Node's process metrics. */
export function processMetrics(): Registry {
  return registry();
}
