/**
 * Invariant 2 on PostgreSQL: event ids become visible in increasing order, even with concurrent
 * writers in several instances, so a hub that reads `id > cursor` never skips one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/sqlite/client";
import type { OrderStatus } from "@/lib/orders/status";
import type { Subscriber } from "@/lib/sse/hub";
import { createTestDb, insertOrder, insertStatus, type TestDb } from "@/test/support/order-events";
import { appendEvent } from "./append";
import { createOrderHub } from "./hub";
import { createEventLog, latestEventId } from "./log";
import { createPgWakeSource, type PgWakeSource } from "./pg-wake";

let t: TestDb;
let extraClients: PrismaClient[];
let sources: PgWakeSource[];
let stops: (() => void)[];

beforeEach(async () => {
  t = await createTestDb();
  extraClients = [];
  sources = [];
  stops = [];
});

afterEach(async () => {
  for (const stop of stops) stop();
  await Promise.all(sources.map((source) => source.close()));
  await Promise.all(extraClients.map((client) => client.$disconnect()));
  await t.cleanup();
});

/** Another connection pool on the same database: what a second app instance has. */
function anotherInstanceClient(): PrismaClient {
  const client = createPrismaClient(t.url);
  extraClients.push(client);
  return client;
}

describe("appending to the event log on PostgreSQL", () => {
  it("makes a later writer wait until the earlier one commits, so no id becomes visible before a smaller one", async () => {
    const { orderId } = await insertOrder(t.client);
    const before = await latestEventId(t.client);
    const other = anotherInstanceClient();

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstId = 0;
    const first = t.client.$transaction(
      async (tx) => {
        firstId = (await appendEvent(tx, { orderId, type: "order.status", status: "confirmed", previousStatus: "placed", version: 2 }, "postgresql")).id;
        await held;
      },
      { timeout: 10_000 },
    );
    await vi.waitFor(() => expect(firstId).toBeGreaterThan(0));

    let secondCommitted = false;
    const second = other
      .$transaction((tx) => appendEvent(tx, { orderId, type: "order.status", status: "preparing", previousStatus: "confirmed", version: 3 }, "postgresql"))
      .then((event) => {
        secondCommitted = true;
        return event;
      });
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Without the append lock, the second writer would have committed id firstId + 1 by now,
    // visible while firstId is not: a reader at that moment would move its cursor past firstId.
    expect(secondCommitted).toBe(false);
    expect(await latestEventId(t.client)).toBe(before);

    release();
    await first;
    const secondEvent = await second;
    expect(secondEvent.id).toBe(firstId + 1);
  });

  it("delivers every event exactly once and in id order to a hub in each of two instances, under concurrent writes from both", async () => {
    const instances = [t.client, anotherInstanceClient()];
    const seen = instances.map(() => [] as number[]);
    const hubs = instances.map((client, i) => {
      const wake = createPgWakeSource({ connectionString: t.url, onError: () => {} });
      sources.push(wake);
      // A poll too slow to matter: the wake-ups must come from LISTEN/NOTIFY.
      const hub = createOrderHub({ log: createEventLog(client), wake, pollMs: 60_000, keepAliveMs: 60_000 });
      const subscriber: Subscriber = {
        audience: { kind: "staff" },
        event: (message) => seen[i]?.push(message.id),
        keepAlive: () => {},
        close: () => {},
      };
      stops.push(() => hub.unsubscribe(subscriber));
      return { hub, subscriber };
    });
    await Promise.all(hubs.map(({ hub, subscriber }) => hub.subscribe(subscriber)));
    await vi.waitFor(() => expect(sources.every((source) => source.listening())).toBe(true));

    const path: OrderStatus[] = ["confirmed", "preparing", "ready", "out_for_delivery", "delivered"];
    const orders = 24;
    // Each order walks its path alternating instances; all orders at once.
    await Promise.all(
      Array.from({ length: orders }, async (_, n) => {
        const { orderId } = await insertOrder(instances[n % 2] as PrismaClient, `Customer ${n}`);
        for (const [step, status] of path.entries()) {
          await insertStatus(instances[(n + step + 1) % 2] as PrismaClient, orderId, status);
        }
      }),
    );

    const table = (await t.client.orderEvent.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((e) => e.id);
    expect(table).toHaveLength(orders * (path.length + 1));
    for (const ids of seen) {
      await vi.waitFor(() => expect(ids.length).toBeGreaterThanOrEqual(table.length), { timeout: 10_000 });
      expect(ids).toEqual(table);
    }
  });

  it("keeps delivering when an instance's LISTEN connection is killed: the reconnect catches up, no poll needed", async () => {
    const writer = anotherInstanceClient();
    const wake = createPgWakeSource({ connectionString: t.url, minBackoffMs: 300, onError: () => {} });
    sources.push(wake);
    const hub = createOrderHub({ log: t.log, wake, pollMs: 60_000, keepAliveMs: 60_000 });
    const seen: number[] = [];
    const subscriber: Subscriber = { audience: { kind: "staff" }, event: (m) => seen.push(m.id), keepAlive: () => {}, close: () => {} };
    stops.push(() => hub.unsubscribe(subscriber));
    await hub.subscribe(subscriber);
    await vi.waitFor(() => expect(wake.listening()).toBe(true));

    const before = await insertOrder(writer);
    await vi.waitFor(() => expect(seen).toEqual([before.eventId]));

    await t.client.$executeRawUnsafe(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tracker-listen' AND datname = current_database()",
    );
    await vi.waitFor(() => expect(wake.listening()).toBe(false));
    // Committed while this instance hears nothing.
    const during = await insertOrder(writer);
    await vi.waitFor(() => expect(seen).toEqual([before.eventId, during.eventId]), { timeout: 5000 });
    const after = await insertOrder(writer);
    await vi.waitFor(() => expect(seen).toEqual([before.eventId, during.eventId, after.eventId]));
  });
});
