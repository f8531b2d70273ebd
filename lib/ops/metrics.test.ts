import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eventCommitted, newWrittenCounts, type WrittenCounts } from "@/lib/orders/event-log/append";
import { createOrderHub, type OrderHub } from "@/lib/orders/event-log/hub";
import { openCustomerStream, openStaffStream } from "@/lib/orders/event-log/streams";
import { StreamCounters } from "@/lib/sse/counters";
import { StreamLimiter } from "@/lib/sse/stream-limits";
import { createSignal, type Signal } from "@/lib/sse/wake";
import { createTestDb, insertOrder, insertStatus, readMessages, type TestDb } from "@/test/support/order-events";
import type { Registry } from "prom-client";
import { parseExposition, sample, type Scrape } from "@/test/support/exposition";
import { createMetricsRegistry } from "./metrics";

let t: TestDb;
let wake: Signal;
let counters: StreamCounters;
let written: WrittenCounts;
let hub: OrderHub;
let registry: Registry;
let readers: ReadableStreamDefaultReader<Uint8Array>[];

beforeEach(async () => {
  t = await createTestDb();
  wake = createSignal();
  counters = new StreamCounters();
  written = newWrittenCounts();
  hub = createOrderHub({ log: t.log, wake: wake.source, pollMs: 60_000, keepAliveMs: 60_000, counters });
  registry = createMetricsRegistry({ counters, written, hub: () => hub.stats(), head: () => t.log.latestEventId() });
  readers = [];
});

afterEach(async () => {
  for (const r of readers) await r.cancel().catch(() => {});
  await hub.idle();
  expect(hub.subscriberCount()).toBe(0);
  await t.cleanup();
});

async function scrape(): Promise<Scrape> {
  return parseExposition(await registry.metrics());
}

function reader(stream: ReadableStream<Uint8Array>): ReadableStreamDefaultReader<Uint8Array> {
  const r = stream.getReader();
  readers.push(r);
  return r;
}

async function hubRunsWith(subscribers: number): Promise<void> {
  await vi.waitFor(() => expect(hub.stats()).toMatchObject({ subscribers, running: true }));
}

describe("the metrics registry", () => {
  it("counts open streams by kind and the live messages delivered to each kind", async () => {
    const { orderId, eventId } = await insertOrder(t.client);
    const idle = await scrape();
    expect(sample(idle, 'tracker_open_streams{kind="customer"}')).toBe(0);
    expect(sample(idle, 'tracker_open_streams{kind="staff"}')).toBe(0);
    expect(sample(idle, "tracker_hub_running")).toBe(0);

    const customer = reader(openCustomerStream({ orderId, cursor: eventId, hub }));
    const staffA = reader(openStaffStream({ cursor: null, hub }));
    const staffB = reader(openStaffStream({ cursor: null, hub }));
    await hubRunsWith(3);
    const open = await scrape();
    expect(sample(open, 'tracker_open_streams{kind="customer"}')).toBe(1);
    expect(sample(open, 'tracker_open_streams{kind="staff"}')).toBe(2);
    expect(sample(open, 'tracker_streams_opened_total{kind="customer"}')).toBe(1);
    expect(sample(open, 'tracker_streams_opened_total{kind="staff"}')).toBe(2);
    expect(sample(open, "tracker_hub_running")).toBe(1);

    await insertStatus(t.client, orderId, "confirmed");
    await insertStatus(t.client, orderId, "preparing");
    wake.notify();
    for (const r of [customer, staffA, staffB]) await readMessages(r, (messages) => messages.length === 2);
    const after = await scrape();
    expect(sample(after, 'tracker_events_delivered_total{kind="customer"}')).toBe(2);
    expect(sample(after, 'tracker_events_delivered_total{kind="staff"}')).toBe(4);
    // One observation per event read, however many streams it went to.
    expect(sample(after, "tracker_hub_lag_seconds_count")).toBe(2);
    expect(sample(after, "tracker_hub_behind_events")).toBe(0);

    for (const r of readers) await r.cancel();
    const closed = await scrape();
    expect(sample(closed, 'tracker_open_streams{kind="customer"}')).toBe(0);
    expect(sample(closed, 'tracker_open_streams{kind="staff"}')).toBe(0);
    expect(sample(closed, "tracker_hub_running")).toBe(0);
    expect(sample(closed, 'tracker_streams_opened_total{kind="staff"}')).toBe(2);
  });

  it("measures how far the hub is behind the log at scrape time", async () => {
    const { orderId } = await insertOrder(t.client);
    reader(openStaffStream({ cursor: null, hub }));
    await hubRunsWith(1);
    await hub.idle();
    // Written without a wake-up: the hub does not know yet.
    await insertStatus(t.client, orderId, "confirmed");
    await insertStatus(t.client, orderId, "preparing");
    expect(sample(await scrape(), "tracker_hub_behind_events")).toBe(2);
    wake.notify();
    await hub.idle();
    expect(sample(await scrape(), "tracker_hub_behind_events")).toBe(0);
    expect(sample(await scrape(), "tracker_hub_log_reads_total")).toBe(hub.stats().reads);
  });

  it("counts events a resuming stream replays from the log, apart from live deliveries", async () => {
    const { orderId, eventId } = await insertOrder(t.client);
    await insertStatus(t.client, orderId, "confirmed");
    await insertStatus(t.client, orderId, "preparing");
    const customer = reader(openCustomerStream({ orderId, cursor: eventId, hub }));
    await readMessages(customer, (messages) => messages.length === 2);
    const replayed = await scrape();
    expect(sample(replayed, 'tracker_events_replayed_total{kind="customer"}')).toBe(2);
    expect(sample(replayed, 'tracker_events_delivered_total{kind="customer"}')).toBe(0);
  });

  it("counts refused streams by reason", async () => {
    const limiter = new StreamLimiter(() => ({ perAddress: 2, perOrder: 1 }), counters);
    expect(limiter.acquire("203.0.113.9", "order-1").ok).toBe(true);
    expect(limiter.acquire("203.0.113.9", "order-1")).toEqual({ ok: false, limit: "token" });
    expect(limiter.acquire("203.0.113.9").ok).toBe(true);
    expect(limiter.acquire("203.0.113.9")).toEqual({ ok: false, limit: "address" });
    expect(limiter.acquire("203.0.113.9")).toEqual({ ok: false, limit: "address" });
    const refused = await scrape();
    expect(sample(refused, 'tracker_stream_refusals_total{reason="token"}')).toBe(1);
    expect(sample(refused, 'tracker_stream_refusals_total{reason="address"}')).toBe(2);
    expect(sample(refused, 'tracker_stream_refusals_total{reason="shutting_down"}')).toBe(0);
  });

  it("counts an event as written when the write path reports its commit", async () => {
    let wakes = 0;
    const stop = wake.source.subscribe(() => wakes++);
    expect(sample(await scrape(), 'tracker_events_written_total{type="order.status"}')).toBe(0);
    eventCommitted("order.created", 1, written);
    eventCommitted("order.status", 2, written);
    eventCommitted("order.status", 3, written);
    stop();
    const scraped = await scrape();
    expect(sample(scraped, 'tracker_events_written_total{type="order.created"}')).toBe(1);
    expect(sample(scraped, 'tracker_events_written_total{type="order.status"}')).toBe(2);
    // This test's signal is not the process's: eventCommitted wakes the process's hub only.
    expect(wakes).toBe(0);
  });

  it("puts each fan-out lag in its bucket, and a clock step backwards at zero", async () => {
    const now = Date.parse("2026-11-23T10:00:00.000Z");
    counters.fannedOut("2026-11-23T09:59:59.700Z", now);
    counters.fannedOut("2026-11-23T10:00:00.002Z", now);
    const lag = await scrape();
    expect(sample(lag, 'tracker_hub_lag_seconds_bucket{le="0.001"}')).toBe(1);
    expect(sample(lag, 'tracker_hub_lag_seconds_bucket{le="0.25"}')).toBe(1);
    expect(sample(lag, 'tracker_hub_lag_seconds_bucket{le="0.5"}')).toBe(2);
    expect(sample(lag, "tracker_hub_lag_seconds_sum")).toBeCloseTo(0.3, 6);
  });

  it("keeps each registry to its own counters, and adds Node's process metrics only when asked", async () => {
    const other = new StreamCounters();
    other.opened.staff = 5;
    const otherRegistry = createMetricsRegistry({ counters: other, written: newWrittenCounts(), hub: () => null, head: async () => 0 }, { defaultMetrics: true });
    const theirs = parseExposition(await otherRegistry.metrics());
    expect(sample(theirs, 'tracker_streams_opened_total{kind="staff"}')).toBe(5);
    expect(theirs.has("process_cpu_user_seconds_total")).toBe(true);
    const ours = await scrape();
    expect(sample(ours, 'tracker_streams_opened_total{kind="staff"}')).toBe(0);
    expect(ours.has("process_cpu_user_seconds_total")).toBe(false);
  });
});
