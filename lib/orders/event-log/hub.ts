/**
 * The hub that carries the order event log to its streams: customers follow their order's
 * events, staff get every event. One per process (lib/runtime.ts).
 */
import "server-only";
import { dbProvider } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/url";
import { processSlot } from "@/lib/runtime";
import { DEFAULT_KEEPALIVE_MS, DEFAULT_POLL_MS, Hub, type HubOptions, type HubRoutes } from "@/lib/sse/hub";
import { combineWakeSources, type WakeSource } from "@/lib/sse/wake";
import { defaultEventLog, type EventLog, type LoggedEvent } from "./log";
import { createPgWakeSource, type PgWakeSource } from "./pg-wake";
import { inProcessWakeSource } from "./signal";
import { customerBytes, staffBytes } from "./wire";

export type OrderHub = Hub<LoggedEvent, EventLog>;

const orderRoutes: HubRoutes<LoggedEvent> = {
  keyOf: (event) => event.orderId,
  customerBytes,
  staffBytes,
  writtenAt: (event) => event.customer.at,
};

export function createOrderHub(options: Omit<HubOptions<LoggedEvent, EventLog>, "routes">): OrderHub {
  return new Hub({ ...options, routes: orderRoutes });
}

function envMs(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer of milliseconds (got "${raw}").`);
  }
  return value;
}

// One hub (one set of timers, one LISTEN connection) per process, whichever module copy serves
// the stream, and across Next's dev reloads (lib/runtime.ts).
const processHub = processSlot(
  "hub",
  () =>
    createOrderHub({
      log: defaultEventLog(),
      wake: processWakeSource(),
      pollMs: envMs("TRACKER_POLL_MS", DEFAULT_POLL_MS),
      keepAliveMs: envMs("TRACKER_KEEPALIVE_MS", DEFAULT_KEEPALIVE_MS),
    }),
);

const processListen = processSlot("listener", () => {
  // LISTEN needs a session of its own: behind a transaction-pooling PgBouncer, point
  // TRACKER_LISTEN_URL at PostgreSQL itself (or a session-pooling port).
  const url = process.env.TRACKER_LISTEN_URL?.trim() || databaseUrl();
  return createPgWakeSource({ connectionString: url });
});

/** The process's hub if anything has used it yet (shutdown must not create one). */
export function existingHub(): OrderHub | null {
  return processHub.peek() ?? null;
}

/** The process's LISTEN connection on PostgreSQL (null on SQLite), created with the hub. */
export function processListener(): PgWakeSource | null {
  return processListen.peek() ?? null;
}

/**
 * What wakes this process's hub: its own writes at once, and on PostgreSQL every instance's
 * writes through LISTEN/NOTIFY.
 */
function processWakeSource(): WakeSource {
  if (dbProvider() !== "postgresql") return inProcessWakeSource;
  return combineWakeSources(inProcessWakeSource, processListen());
}

/** The process's hub, created on first use with the process's database and wake signal. */
export function getHub(): OrderHub {
  return processHub();
}
