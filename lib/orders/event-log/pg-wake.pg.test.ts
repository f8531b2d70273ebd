/** The LISTEN side of cross-instance wake-ups, against a real PostgreSQL server. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appendEvent } from "./append";
import { createPgWakeSource, eventIdOf, type PgWakeSource } from "./pg-wake";
import { createTestDb, insertOrder, type TestDb } from "@/test/support/order-events";

let t: TestDb;
let sources: PgWakeSource[];

beforeEach(async () => {
  t = await createTestDb();
  sources = [];
});

afterEach(async () => {
  await Promise.all(sources.map((source) => source.close()));
  await t.cleanup();
});

function listen(options: { minBackoffMs?: number; connectionString?: string; onError?: (error: unknown) => void } = {}) {
  const source = createPgWakeSource({
    connectionString: options.connectionString ?? t.url,
    minBackoffMs: options.minBackoffMs,
    onError: options.onError ?? (() => {}),
  });
  sources.push(source);
  const counter = { wakes: 0, ids: [] as (number | undefined)[] };
  source.subscribe((upTo) => {
    counter.wakes += 1;
    counter.ids.push(upTo);
  });
  return { source, counter };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends this test database's LISTEN connections from the server side, as a failover or a restart would. */
async function killListenConnections(): Promise<number> {
  const rows = await t.client.$queryRawUnsafe<{ pid: number }[]>(
    "SELECT pg_terminate_backend(pid) AS killed, pid FROM pg_stat_activity WHERE application_name = 'tracker-listen' AND datname = current_database()",
  );
  return rows.length;
}

describe("eventIdOf", () => {
  it("reads a positive safe integer id and nothing else", () => {
    expect(eventIdOf("42")).toBe(42);
    expect(eventIdOf("9007199254740991")).toBe(9007199254740991);
    for (const payload of [undefined, "", "0", "-1", "01", "1.5", "12a", " 3", "9007199254740993", "99999999999999999"]) {
      expect(eventIdOf(payload)).toBeUndefined();
    }
  });
});

describe("createPgWakeSource", () => {
  it("wakes once LISTENing (to catch up), then on every committed append, and not on a rolled-back one", async () => {
    const { source, counter } = listen();
    await vi.waitFor(() => expect(source.listening()).toBe(true));
    await vi.waitFor(() => expect(counter.wakes).toBe(1));

    await insertOrder(t.client);
    await vi.waitFor(() => expect(counter.wakes).toBe(2));

    const { orderId } = await insertOrder(t.client);
    await vi.waitFor(() => expect(counter.wakes).toBe(3));
    await expect(
      t.client.$transaction(async (tx) => {
        await appendEvent(tx, { orderId, type: "order.status", status: "confirmed", previousStatus: "placed", version: 2 }, "postgresql");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await settle(300);
    expect(counter.wakes).toBe(3);
  });

  it("names the committed event's id in each wake-up, and none in the catch-up one", async () => {
    const { counter } = listen();
    await vi.waitFor(() => expect(counter.wakes).toBe(1));
    const first = await insertOrder(t.client);
    const second = await insertOrder(t.client);
    await vi.waitFor(() => expect(counter.wakes).toBe(3));
    expect(counter.ids).toEqual([undefined, first.eventId, second.eventId]);
  });

  it("reconnects with backoff after its connection is killed, and wakes to catch up on what it missed", async () => {
    const { source, counter } = listen({ minBackoffMs: 400 });
    await vi.waitFor(() => expect(counter.wakes).toBe(1));

    expect(await killListenConnections()).toBe(1);
    await vi.waitFor(() => expect(source.listening()).toBe(false));
    // Committed while nobody listens: its notification is lost, so only the catch-up wake tells.
    await insertOrder(t.client);
    await vi.waitFor(() => expect(source.listening()).toBe(true), { timeout: 5000 });
    await vi.waitFor(() => expect(counter.wakes).toBe(2));
    expect(source.connections()).toBe(2);

    await insertOrder(t.client);
    await vi.waitFor(() => expect(counter.wakes).toBe(3));
  });

  it("keeps retrying, ever more slowly, while the server cannot be reached", async () => {
    const errors: unknown[] = [];
    const { source } = listen({ connectionString: "postgres://postgres@127.0.0.1:1/none", minBackoffMs: 50, onError: (e) => errors.push(e) });
    await settle(1500);
    // 50, 100, 200, 400, 800 ms (halved at most by jitter): a handful of attempts, not hundreds.
    expect(source.connections()).toBeGreaterThanOrEqual(3);
    expect(source.connections()).toBeLessThanOrEqual(8);
    expect(errors.length).toBe(source.connections());
    expect(source.listening()).toBe(false);
  });

  it("stops for good when closed", async () => {
    const { source, counter } = listen();
    await vi.waitFor(() => expect(counter.wakes).toBe(1));
    await source.close();
    await insertOrder(t.client);
    await settle(300);
    expect(counter.wakes).toBe(1);
    expect(source.listening()).toBe(false);
  });
});
