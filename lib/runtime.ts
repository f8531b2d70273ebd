/**
 * The one place where this process's long-lived objects live (issue 14: one runtime per process).
 *
 * Why not module-level variables: one Node process holds several copies of each lib/ module.
 * server.ts is loaded by Node (tsx) and imports lib/ for the three hot paths; Next compiles each
 * route bundle and page with its OWN copy of the same modules; and `next dev` re-evaluates
 * modules on edit. A `let hub` in lib/orders/event-log/hub.ts would be one hub per copy: an order placed
 * through Next's bundle would signal a hub that no stream listens to (server.ts's copy serves the
 * streams), /api/metrics (Next's bundle) would count nothing the hot paths did, and each copy would
 * open its own database pool. So every member below sits in ONE object on `globalThis`, under
 * `Symbol.for("tracker.runtime")` (a registry-wide symbol: every module copy computes the same
 * key), and is made once, by whichever module copy asks first.
 *
 * The members, each made only by the module named:
 *
 *   "db"             the Prisma client (its pool)          lib/db/client.ts                   db(), disconnectDb()
 *   "dbReader"       committed-only reads (SQLite: a 2nd connection)  lib/db/client.ts       committedReader()
 *   "eventLog"       the event log read through it         lib/orders/event-log/log.ts        defaultEventLog()
 *   "signal"         the in-process wake signal            lib/orders/event-log/signal.ts     notifyOrderEvents()
 *   "written"        events written, for the metrics       lib/orders/event-log/append.ts     processWrittenCounts()
 *   "listener"       the LISTEN connection (PostgreSQL)    lib/orders/event-log/hub.ts        processListener()
 *   "hub"            the fan-out hub                       lib/orders/event-log/hub.ts        getHub(), existingHub()
 *   "counters"       the streams' counters                 lib/sse/counters.ts                processStreamCounters()
 *   "metrics"        the Prometheus registry               lib/ops/metrics.ts                 processMetrics()
 *   "streamLimiter"  the open-stream caps                  lib/sse/stream-limits.ts           streamLimiter()
 *   "loginThrottle"  the sign-in throttle                  lib/auth/login-throttle.ts         loginThrottle()
 *   "staffSessions"  staff sessions verified lately        lib/auth/session.ts                staffForCookie()
 *   "apiKeys"        API keys verified lately              lib/auth/api-keys.ts               apiKeyForToken()
 *   "anonymousOrders"  limits on orders without a key      lib/auth/anonymous-orders.ts       anonymousOrderGate()
 *   "webhooks"       the webhook dispatcher                lib/integrations/webhooks/dispatcher.ts  startWebhookDispatcher()
 *   "transitionCommits"  SQLite's group commit of changes  lib/orders/service.ts              transitionOrder()
 *   "shutdown"       shutting down?                        lib/ops/shutting-down.ts           isShuttingDown()
 *   "shutdownHandlers"  signal handlers installed?         lib/server/shutdown.ts             installGracefulShutdown()
 *
 * This module imports nothing, so every module can depend on it without an import cycle. Beware:
 * a member may be an instance of another module copy's class, so never test one with `instanceof`.
 */

/** Every member the process has (the table above). */
export type ProcessMember =
  | "db"
  | "dbReader"
  | "eventLog"
  | "signal"
  | "written"
  | "listener"
  | "hub"
  | "counters"
  | "metrics"
  | "streamLimiter"
  | "loginThrottle"
  | "staffSessions"
  | "apiKeys"
  | "anonymousOrders"
  | "webhooks"
  | "transitionCommits"
  | "shutdown"
  | "shutdownHandlers";

/** One member of the process's runtime, as the module that owns it sees it (an object: never undefined). */
export interface ProcessSlot<T extends object> {
  /** The member, made by `make` on first use by whichever module copy asks first. */
  (): T;
  /** The member if anything has made it yet, without making it (shutdown must not start a hub). */
  peek(): T | undefined;
  /** Forgets the member and hands it back (to be closed); the next call makes a new one. */
  take(): T | undefined;
}

const RUNTIME: unique symbol = Symbol.for("tracker.runtime");

function members<T>(): Map<ProcessMember, T> {
  // The one cast. `globalThis` has no type for our key, and one Map holds members of different
  // types: each slot reads only its own name, and one name is owned by one module, whose copies
  // all make the same type, so the `T` a slot reads is the `T` its `make` wrote.
  const host = globalThis as typeof globalThis & { [RUNTIME]?: Map<ProcessMember, T> };
  return (host[RUNTIME] ??= new Map());
}

/**
 * The accessor of the process's `name` member. Call it at module level (it makes nothing by
 * itself): `const hub = processSlot("hub", () => new Hub(...))`, then `hub()` wherever needed.
 * Every module copy that declares the same name gets the same member.
 */
export function processSlot<T extends object>(name: ProcessMember, make: () => T): ProcessSlot<T> {
  const slot = (): T => {
    const all = members<T>();
    let member = all.get(name);
    if (member === undefined) all.set(name, (member = make()));
    return member;
  };
  slot.peek = (): T | undefined => members<T>().get(name);
  slot.take = (): T | undefined => {
    const all = members<T>();
    const member = all.get(name);
    all.delete(name);
    return member;
  };
  return slot;
}

/**
 * For tests: forgets every member, so the next use makes new ones. It closes nothing (stop a
 * running hub, disconnect a client first) and cannot reach values a module copied at import time.
 */
export function resetProcessRuntime(): void {
  members().clear();
}
