/**
 * Is this instance fit to be sent traffic (GET /api/health, for a load balancer or an
 * orchestrator)? Two checks: the database answers a trivial query within a short timeout, and the
 * hub, if it runs, still follows the log. While the instance shuts down it says no, so the balancer
 * stops routing to it before its streams close.
 *
 * The answer names what failed and nothing secret: no URL, no driver message (those go to the
 * server's log), no version.
 */
import "server-only";
import { db } from "@/lib/db/client";
import { existingHub, processListener } from "@/lib/orders/event-log/hub";
import { defaultEventLog } from "@/lib/orders/event-log/log";
import type { HubStats } from "@/lib/sse/hub";
import { isShuttingDown } from "./shutting-down";
import { shared, within } from "./within";

export const DEFAULT_HEALTH_TIMEOUT_MS = 2000;
/**
 * A running hub reads the log at least once per poll interval (1 s by default). No successful read
 * for this long, or three intervals if those are longer, means its reads fail or hang: it is stuck.
 */
export const STUCK_AFTER_MS = 10_000;

export function stuckAfterMs(pollMs: number): number {
  return Math.max(STUCK_AFTER_MS, 3 * pollMs);
}

export type DatabaseCheck = { status: "ok"; latencyMs: number } | { status: "fail"; reason: "timeout" | "error" };

export type HubCheck =
  | { status: "ok"; state: "idle"; listening?: boolean }
  | { status: "ok"; state: "running"; streams: number; behind: number | null; lastReadMsAgo: number; listening?: boolean }
  | {
      status: "fail";
      reason: "shutting_down" | "listen_down" | "stuck";
      streams?: number;
      behind?: number | null;
      lastReadMsAgo?: number | null;
      listening?: boolean;
    };

export interface HealthReport {
  status: "ok" | "fail" | "shutting_down";
  checks: { database: DatabaseCheck; hub: HubCheck };
}

export interface HealthSources {
  /** A trivial query (SELECT 1). */
  ping(): Promise<unknown>;
  /** The log's head: how far the hub has to go. */
  head(): Promise<number>;
  hub(): (HubStats & { pollMs: number }) | null;
  /** The LISTEN connection on PostgreSQL; null on SQLite, or before the hub made one. */
  listener(): { listening(): boolean } | null;
  shuttingDown(): boolean;
  now?: () => number;
  /** Where a failed check's details go (they stay out of the answer). */
  log?: (message: string, error: unknown) => void;
}

export async function checkHealth(sources: HealthSources, options: { timeoutMs?: number } = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const now = sources.now ?? Date.now;
  const log = sources.log ?? ((message, error) => console.error(`[health] ${message}:`, error));

  const started = now();
  const ping = await within(() => sources.ping(), timeoutMs);
  const database: DatabaseCheck = ping.ok
    ? { status: "ok", latencyMs: now() - started }
    : { status: "fail", reason: ping.reason };
  if (!ping.ok) log(`database check failed (${ping.reason})`, ping.error ?? `no answer within ${timeoutMs} ms`);

  const hub = await checkHub(sources, timeoutMs, now, ping.ok);
  const shuttingDown = sources.shuttingDown();
  const ok = database.status === "ok" && hub.status === "ok";
  return { status: shuttingDown ? "shutting_down" : ok ? "ok" : "fail", checks: { database, hub } };
}

async function checkHub(
  sources: HealthSources,
  timeoutMs: number,
  now: () => number,
  databaseAnswers: boolean,
): Promise<HubCheck> {
  const listener = sources.listener();
  const listening = listener ? { listening: listener.listening() } : {};
  if (sources.shuttingDown()) return { status: "fail", reason: "shutting_down", ...listening };
  const stats = sources.hub();
  // The hub starts with the first stream and stops with the last; idle, it has nothing to follow.
  if (!stats?.running) return { status: "ok", state: "idle", ...listening };

  // Only worth asking when the database just answered; else the database check already says why.
  const head = databaseAnswers ? await within(() => sources.head(), timeoutMs) : null;
  const behind = head?.ok ? Math.max(0, head.value - stats.cursor) : null;
  const lastReadMsAgo = stats.lastReadAt === null ? null : Math.max(0, now() - stats.lastReadAt);
  const facts = { streams: stats.subscribers, behind, ...listening };

  if (listener && !listener.listening()) return { status: "fail", reason: "listen_down", lastReadMsAgo, ...facts };
  if (lastReadMsAgo === null || lastReadMsAgo > stuckAfterMs(stats.pollMs)) return { status: "fail", reason: "stuck", lastReadMsAgo, ...facts };
  return { status: "ok", state: "running", lastReadMsAgo, ...facts };
}

const sharedPing = shared(() => db().$queryRawUnsafe("SELECT 1"));
const sharedHead = shared(() => defaultEventLog().latestEventId());

/** This process's sources: its database client, its hub and LISTEN connection, its shutdown state. */
export function processHealthSources(): HealthSources {
  return {
    ping: sharedPing,
    head: sharedHead,
    hub: () => {
      const hub = existingHub();
      return hub ? { ...hub.stats(), pollMs: hub.pollMs } : null;
    },
    listener: processListener,
    shuttingDown: isShuttingDown,
  };
}
