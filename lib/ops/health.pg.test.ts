/** Health on PostgreSQL: a server that is slow to answer, and the LISTEN connection. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createOrderHub, type OrderHub } from "@/lib/orders/event-log/hub";
import { createPgWakeSource, type PgWakeSource } from "@/lib/orders/event-log/pg-wake";
import { openStaffStream } from "@/lib/orders/event-log/streams";
import { StreamCounters } from "@/lib/sse/counters";
import { combineWakeSources, createSignal } from "@/lib/sse/wake";
import { createTestDb, type TestDb } from "@/test/support/order-events";
import { checkHealth, type HealthSources } from "./health";

let t: TestDb;
let listener: PgWakeSource;
let hub: OrderHub;
let readers: ReadableStreamDefaultReader<Uint8Array>[];

function start(connectionString: string): void {
  listener = createPgWakeSource({ connectionString, minBackoffMs: 50, maxBackoffMs: 200, onError: () => {} });
  hub = createOrderHub({
    log: t.log,
    wake: combineWakeSources(createSignal().source, listener),
    pollMs: 60_000,
    keepAliveMs: 60_000,
    counters: new StreamCounters(),
  });
}

beforeEach(async () => {
  t = await createTestDb();
  readers = [];
});

afterEach(async () => {
  for (const r of readers) await r.cancel().catch(() => {});
  await hub.idle();
  await listener.close();
  await t.cleanup();
});

function sources(overrides: Partial<HealthSources> = {}): HealthSources {
  return {
    ping: () => t.client.$queryRawUnsafe("SELECT 1"),
    head: () => t.log.latestEventId(),
    hub: () => ({ ...hub.stats(), pollMs: hub.pollMs }),
    listener: () => listener,
    shuttingDown: () => false,
    log: () => {},
    ...overrides,
  };
}

async function openStream(): Promise<void> {
  readers.push(openStaffStream({ cursor: null, hub }).getReader());
  await vi.waitFor(() => expect(hub.stats()).toMatchObject({ running: true, subscribers: 1 }));
}

describe("checkHealth on PostgreSQL", () => {
  it("is ok while the running hub's LISTEN connection is up", async () => {
    start(t.url);
    await openStream();
    await vi.waitFor(() => expect(listener.listening()).toBe(true));
    const report = await checkHealth(sources());
    expect(report.status).toBe("ok");
    expect(report.checks.hub).toMatchObject({ status: "ok", state: "running", listening: true });
  });

  it("fails the hub check while a running hub's LISTEN connection is down", async () => {
    start("postgresql://tracker@127.0.0.1:1/tracker");
    await openStream();
    const report = await checkHealth(sources());
    expect(report.status).toBe("fail");
    expect(report.checks.database.status).toBe("ok");
    expect(report.checks.hub).toMatchObject({ status: "fail", reason: "listen_down", listening: false });
  });

  it("times out a database that takes longer than the check allows", async () => {
    start(t.url);
    const slow = createPrismaClient(t.url);
    try {
      const report = await checkHealth(sources({ ping: () => slow.$queryRawUnsafe("SELECT pg_sleep(3)") }), { timeoutMs: 200 });
      expect(report.status).toBe("fail");
      expect(report.checks.database).toEqual({ status: "fail", reason: "timeout" });
    } finally {
      await slow.$disconnect();
    }
  });
});
