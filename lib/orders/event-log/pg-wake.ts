/**
 * Wakes the hub when another instance (or this one) commits events on PostgreSQL: a dedicated
 * connection, outside the query pool, LISTENs on the channel that `appendEvent` notifies.
 *
 * A notification only says "read the log"; the hub reads from its own cursor, so a missed or
 * coalesced notification costs latency, never an event. That is why a dropped connection is
 * simple to survive: reconnect with backoff, LISTEN again, then wake the listeners once to catch
 * up on whatever committed while nobody was listening.
 */
import pg from "pg";
import { ORDER_EVENTS_CHANNEL } from "./append";
import type { WakeListener, WakeSource } from "@/lib/sse/wake";

export interface PgWakeOptions {
  connectionString: string;
  channel?: string;
  /** First reconnect delay; doubles per failed attempt up to maxBackoffMs, with jitter. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Seen on every drop and failed attempt (the app logs them). */
  onError?: (error: unknown) => void;
}

export interface PgWakeSource extends WakeSource {
  /** True while the LISTEN is in place. */
  listening(): boolean;
  /** Connections opened so far, including reconnects (tests and metrics read it). */
  connections(): number;
  close(): Promise<void>;
}

/** A notification's event id, or undefined for any other payload (then the hub just reads). */
export function eventIdOf(payload: string | undefined): number | undefined {
  if (payload === undefined || !/^[1-9][0-9]{0,15}$/.test(payload)) return undefined;
  const id = Number(payload);
  return Number.isSafeInteger(id) ? id : undefined;
}

export function createPgWakeSource(options: PgWakeOptions): PgWakeSource {
  const channel = options.channel ?? ORDER_EVENTS_CHANNEL;
  const minBackoffMs = options.minBackoffMs ?? 100;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const onError =
    options.onError ??
    ((error) => console.error(`[events] LISTEN connection: ${error instanceof Error ? error.message : String(error)}; reconnecting`));
  const listeners = new Set<WakeListener>();

  let client: pg.Client | null = null;
  let isListening = false;
  let opened = 0;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  let closed = false;

  const fire = (upTo?: number) => {
    for (const listener of listeners) listener(upTo);
  };

  function dropped(from: pg.Client, error?: unknown): void {
    if (client !== from) return; // an older connection's late 'end' or 'error'
    client = null;
    isListening = false;
    if (error) onError(error);
    from.end().catch(() => {});
    if (closed) return;
    const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** failures);
    failures += 1;
    retryTimer = setTimeout(connect, delay * (0.5 + Math.random() / 2));
    retryTimer.unref();
  }

  function connect(): void {
    retryTimer = null;
    if (closed) return;
    const next = new pg.Client({
      connectionString: options.connectionString,
      keepAlive: true,
      // Notice a silently dead peer in seconds, not the OS default of two hours.
      keepAliveInitialDelayMillis: 10_000,
      application_name: "tracker-listen",
    });
    client = next;
    opened += 1;
    next.on("notification", (message) => {
      // The payload is the event's id (append.ts): a hub already past it skips the read.
      if (message.channel === channel) fire(eventIdOf(message.payload));
    });
    next.on("error", (error) => dropped(next, error));
    next.on("end", () => dropped(next, new Error("connection ended")));
    next
      .connect()
      .then(() => next.query(`LISTEN ${pg.escapeIdentifier(channel)}`))
      .then(() => {
        if (client !== next) return;
        isListening = true;
        failures = 0;
        // Events may have committed while no LISTEN was in place (startup, a drop): catch up.
        fire();
      })
      .catch((error: unknown) => dropped(next, error));
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!started) {
        started = true;
        connect();
      }
      return () => listeners.delete(listener);
    },
    listening: () => isListening,
    connections: () => opened,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      isListening = false;
      await current?.end().catch(() => {});
    },
  };
}
