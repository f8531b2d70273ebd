/**
 * The one way an event enters the log. On PostgreSQL two rules need the database's help
 * (docs/architecture.md, invariant 2 and "Storage and scale"):
 *
 * - Ids must become visible in id order. Concurrent transactions draw ids from the sequence and
 *   can commit in another order; a hub that read up to id 12 while 11 was still uncommitted would
 *   skip 11 for ever. A transaction-level advisory lock, taken before the id is drawn and held to
 *   commit, makes id order and commit order the same. It serializes only the last few statements
 *   of an event-writing transaction, not reads and not streams.
 * - Every instance's hub must wake: `pg_notify` inside the same transaction is delivered to each
 *   LISTENing connection when, and only if, the transaction commits.
 *
 * SQLite has one writer at a time and one process; the in-process signal wakes its hub.
 */
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Provider } from "@/lib/db/provider";
import { processSlot } from "@/lib/runtime";
import type { OrderEventType } from "../types";
import { notifyOrderEvents } from "./signal";

export const ORDER_EVENTS_CHANNEL = "order_events";

// Any fixed 64-bit number: it names the log's append lock (visible in pg_locks as objid 7231001).
const APPEND_LOCK_KEY = 7231001;

export async function appendEvent(
  tx: Prisma.TransactionClient,
  data: Prisma.OrderEventUncheckedCreateInput,
  provider: Provider,
): Promise<{ id: number; at: Date }> {
  const select = { id: true, at: true } as const;
  if (provider === "sqlite") return tx.orderEvent.create({ data, select });
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY})`);
  const event = await tx.orderEvent.create({ data, select });
  await tx.$executeRawUnsafe(`SELECT pg_notify('${ORDER_EVENTS_CHANNEL}', $1)`, String(event.id));
  return event;
}

/** Events appended by this process, counted once their transaction committed (lib/ops/metrics.ts reads them). */
export type WrittenCounts = Record<OrderEventType, number>;

export function newWrittenCounts(): WrittenCounts {
  return { "order.created": 0, "order.status": 0 };
}

// Next's route bundles and server.ts's hot paths each get their own copy of this module, and all
// of them must count into the same numbers (lib/runtime.ts).
const written = processSlot("written", newWrittenCounts);

export function processWrittenCounts(): WrittenCounts {
  return written();
}

/**
 * The write path's step after a transaction that appended an event has committed: wake this
 * process's hub at once, and count the event as written. Not inside appendEvent: a transaction
 * can still roll back after it (invariant 1), and a rolled-back event was never written.
 */
export function eventCommitted(type: OrderEventType, counts: WrittenCounts = processWrittenCounts()): void {
  counts[type] += 1;
  notifyOrderEvents();
}
