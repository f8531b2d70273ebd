/**
 * The process's webhook dispatcher: finds endpoints with something due and delivers to each in a
 * task of its own (delivery.ts), so a slow or failing receiver holds up only itself, never the
 * others, the hub or the streams. It looks every TRACKER_WEBHOOK_POLL_MS (1 s: other instances'
 * writes and retries that come due), and at once when this process commits an event.
 *
 * Every instance runs one; the endpoints' leases make sure only one delivers to an endpoint at a
 * time, and if that instance dies its lease runs out and another takes over from the cursor.
 */
import "server-only";
import { db } from "@/lib/db/client";
import { intFromEnv } from "@/lib/env";
import { defaultEventLog, latestEventId } from "@/lib/orders/event-log/log";
import { inProcessWakeSource } from "@/lib/orders/event-log/signal";
import { processSlot } from "@/lib/runtime";
import { deliverDue, type DeliveryOptions } from "./delivery";

export interface Dispatcher {
  /** Looks for due endpoints now (and keeps looking every poll interval). */
  wake(): void;
  /** Stops looking and waits for deliveries under way (each is bounded by its timeout). */
  stop(): Promise<void>;
}

/**
 * `owner` names this instance in the endpoints' leases. It should outlive a restart (server.ts
 * gives TRACKER_INSTANCE_ID, or the host and port it listens on), so an instance that crashed and
 * came back takes its leases back at once; another instance waits for them to run out.
 */
export function deliveryOptionsFromEnv(owner: string, signal?: AbortSignal): DeliveryOptions {
  const timeoutMs = intFromEnv("TRACKER_WEBHOOK_TIMEOUT_MS", 10_000);
  return {
    owner,
    log: defaultEventLog(),
    timeoutMs,
    // Longer than a send can take, so a live instance never loses its lease mid-delivery; short
    // enough that another instance takes over a dead one's endpoints within half a minute.
    leaseMs: Math.max(30_000, 3 * timeoutMs),
    retry: {
      baseMs: intFromEnv("TRACKER_WEBHOOK_RETRY_BASE_MS", 5_000),
      maxMs: intFromEnv("TRACKER_WEBHOOK_RETRY_MAX_MS", 3_600_000),
      giveUpMs: intFromEnv("TRACKER_WEBHOOK_GIVE_UP_HOURS", 24) * 3_600_000,
    },
    batch: 100,
    signal,
  };
}

/** How many endpoints are enabled: while none is, a commit need not look for due ones. */
async function enabledEndpoints(): Promise<number> {
  return db().webhookEndpoint.count({ where: { disabledAt: null } });
}

/** Endpoints with events after their cursor, not waiting for a retry, whose lease is free or this instance's. */
async function dueEndpoints(owner: string): Promise<string[]> {
  const now = new Date();
  const rows = await db().webhookEndpoint.findMany({
    where: {
      disabledAt: null,
      cursor: { lt: await latestEventId(db()) },
      OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
      AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] }],
    },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export function startDispatcher(options: DeliveryOptions, pollMs: number, stopping?: AbortController): Dispatcher {
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let looking: Promise<void> | null = null;
  let lookAgain = false;
  // Counted by each poll. Without endpoints a commit costs no query (a status change is the hot
  // path: two queries per commit were ~0.7 ms a change in the benchmark); an endpoint added
  // meanwhile is found by the next poll.
  let enabled = 0;

  function deliver(endpointId: string): void {
    const task = deliverDue(endpointId, options)
      .then((outcome) => {
        // More may have been committed while it delivered: look again.
        if (outcome === "caught_up") wake();
      })
      .catch((error: unknown) => console.error("[tracker] webhook delivery to endpoint", endpointId, error))
      .finally(() => running.delete(endpointId));
    running.set(endpointId, task);
  }

  async function look(): Promise<void> {
    do {
      lookAgain = false;
      try {
        if (enabled === 0) continue;
        for (const id of await dueEndpoints(options.owner)) if (!running.has(id) && !stopped) deliver(id);
      } catch (error) {
        console.error("[tracker] looking for due webhooks", error);
      }
    } while (lookAgain && !stopped);
  }

  function wake(): void {
    if (stopped) return;
    if (looking) {
      lookAgain = true;
      return;
    }
    looking = look().finally(() => (looking = null));
  }

  async function poll(): Promise<void> {
    try {
      enabled = await enabledEndpoints();
    } catch (error) {
      console.error("[tracker] counting webhook endpoints", error);
    }
    wake();
  }

  const timer = setInterval(() => void poll(), pollMs);
  timer.unref();
  const unsubscribe = inProcessWakeSource.subscribe(() => {
    if (enabled > 0) wake();
  });
  void poll();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      stopping?.abort();
      await looking;
      await Promise.all(running.values());
    },
  };
}

const processDispatcher = processSlot<{ dispatcher: Dispatcher | null }>("webhooks", () => ({ dispatcher: null }));

/** Starts this process's dispatcher (server.ts), once; `owner`: see deliveryOptionsFromEnv. */
export function startWebhookDispatcher(owner: string): Dispatcher {
  const slot = processDispatcher();
  if (!slot.dispatcher) {
    const stopping = new AbortController();
    slot.dispatcher = startDispatcher(deliveryOptionsFromEnv(owner, stopping.signal), intFromEnv("TRACKER_WEBHOOK_POLL_MS", 1_000), stopping);
  }
  return slot.dispatcher;
}

/** Stops it, if it runs (graceful shutdown). */
export async function stopWebhookDispatcher(): Promise<void> {
  const slot = processDispatcher.peek();
  const dispatcher = slot?.dispatcher;
  if (!dispatcher || !slot) return;
  slot.dispatcher = null;
  await dispatcher.stop();
}
