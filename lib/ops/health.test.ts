import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { testProvider } from "@/test/support/databases";
import { createOrderHub, type OrderHub } from "@/lib/orders/event-log/hub";
import { openStaffStream } from "@/lib/orders/event-log/streams";
import { StreamCounters } from "@/lib/sse/counters";
import { createSignal, type Signal } from "@/lib/sse/wake";
import { createTestDb, insertOrder, insertStatus, type TestDb } from "@/test/support/order-events";
import { checkHealth, stuckAfterMs, type HealthSources } from "./health";

let t: TestDb;
let wake: Signal;
let hub: OrderHub;
let readers: ReadableStreamDefaultReader<Uint8Array>[];
let logged: string[];

beforeEach(async () => {
  t = await createTestDb();
  wake = createSignal();
  hub = createOrderHub({ log: t.log, wake: wake.source, pollMs: 60_000, keepAliveMs: 60_000, counters: new StreamCounters() });
  readers = [];
  logged = [];
});

afterEach(async () => {
  for (const r of readers) await r.cancel().catch(() => {});
  await hub.idle();
  await t.cleanup();
});

function sources(overrides: Partial<HealthSources> = {}): HealthSources {
  return {
    ping: () => t.client.$queryRawUnsafe("SELECT 1"),
    head: () => t.log.latestEventId(),
    hub: () => ({ ...hub.stats(), pollMs: hub.pollMs }),
    listener: () => null,
    shuttingDown: () => false,
    log: (message) => logged.push(message),
    ...overrides,
  };
}

async function openStream(): Promise<void> {
  readers.push(openStaffStream({ cursor: null, hub }).getReader());
  await vi.waitFor(() => expect(hub.stats()).toMatchObject({ running: true, subscribers: 1 }));
  await hub.idle();
}

/** A database nobody can reach: a closed port, or a SQLite file in a folder that does not exist. */
function unreachableUrl(): { url: string; cleanup: () => void } {
  if (testProvider() === "postgresql") return { url: "postgresql://tracker:secret-word@127.0.0.1:1/tracker", cleanup: () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), "tracker-health-"));
  return { url: `file:${path.join(dir, "missing", "tracker.db")}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe("checkHealth", () => {
  it("is ok with an idle hub when the database answers", async () => {
    const report = await checkHealth(sources());
    expect(report).toEqual({
      status: "ok",
      checks: { database: { status: "ok", latencyMs: expect.any(Number) }, hub: { status: "ok", state: "idle" } },
    });
  });

  it("is ok with a running hub that has read up to the log's head, or is catching up", async () => {
    const { orderId } = await insertOrder(t.client);
    await openStream();
    const current = await checkHealth(sources());
    expect(current.status).toBe("ok");
    expect(current.checks.hub).toMatchObject({ status: "ok", state: "running", streams: 1, behind: 0 });

    // Committed, but the hub has not been told: behind, and still reading, so catching up.
    await insertStatus(t.client, orderId, "confirmed");
    const catchingUp = await checkHealth(sources());
    expect(catchingUp.status).toBe("ok");
    expect(catchingUp.checks.hub).toMatchObject({ status: "ok", state: "running", behind: 1 });
  });

  it("fails the hub check when a running hub has not read the log for too long", async () => {
    await openStream();
    const lastRead = hub.stats().lastReadAt ?? Number.NaN;
    const limit = stuckAfterMs(hub.pollMs);
    const inTime = await checkHealth(sources({ now: () => lastRead + limit }));
    expect(inTime.checks.hub).toMatchObject({ status: "ok", state: "running", lastReadMsAgo: limit });
    const report = await checkHealth(sources({ now: () => lastRead + limit + 1 }));
    expect(report.status).toBe("fail");
    expect(report.checks.database.status).toBe("ok");
    expect(report.checks.hub).toMatchObject({ status: "fail", reason: "stuck", streams: 1 });
  });

  it("fails the database check, naming nothing secret, when the database cannot be reached", async () => {
    const target = unreachableUrl();
    const unreachable = createPrismaClient(target.url);
    try {
      const report = await checkHealth(sources({ ping: () => unreachable.$queryRawUnsafe("SELECT 1") }));
      expect(report).toEqual({
        status: "fail",
        checks: { database: { status: "fail", reason: "error" }, hub: { status: "ok", state: "idle" } },
      });
      expect(logged).toEqual(["database check failed (error)"]);
      const body = JSON.stringify(report);
      for (const secret of ["127.0.0.1", "secret-word", "missing", "tracker.db"]) expect(body).not.toContain(secret);
    } finally {
      await unreachable.$disconnect().catch(() => {});
      target.cleanup();
    }
  });

  it("answers within its timeout when the database does not answer at all", async () => {
    // Without the timeout this never settles, and the test runs into vitest's.
    const report = await checkHealth(sources({ ping: () => new Promise(() => {}) }), { timeoutMs: 100 });
    expect(report.checks.database).toEqual({ status: "fail", reason: "timeout" });
    expect(report.status).toBe("fail");
  });

  it("says shutting_down while the instance shuts down, however healthy it is", async () => {
    await openStream();
    const report = await checkHealth(sources({ shuttingDown: () => true }));
    expect(report).toEqual({
      status: "shutting_down",
      checks: { database: { status: "ok", latencyMs: expect.any(Number) }, hub: { status: "fail", reason: "shutting_down" } },
    });
  });
});
