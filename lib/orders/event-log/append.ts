/**
 * The one way an event enters the log. On PostgreSQL two rules need the database's help
 * (docs/architecture.md, invariant 2 and "Storage and scale"):
 *
 * - Ids must become visible in id order. Concurrent transactions draw ids from the sequence and
 *   can commit in another order; a hub that read up to id 12 while 11 was still uncommitted would
 *   skip 11 for ever. A transaction-level advisory lock, taken before the id is drawn and held to
 *   commit, makes id order and commit order the same. It serializes only the end of an
 *   event-writing transaction (from the insert to the commit), not reads and not streams.
 * - Every instance's hub must wake: `pg_notify` inside the same transaction is delivered to each
 *   LISTENing connection when, and only if, the transaction commits.
 *
 * SQLite has one writer at a time and one process; the in-process signal wakes its hub.
 */
import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Provider } from "@/lib/db/provider";
import { processSlot } from "@/lib/runtime";
import type { Actor, OrderEventType } from "../types";
import { notifyOrderEvents } from "./signal";

export const ORDER_EVENTS_CHANNEL = "order_events";

// Any fixed 64-bit number: it names the log's append lock (visible in pg_locks as objid 7231001).
const APPEND_LOCK_KEY = 7231001;
const APPEND_LOCK_SQL = Prisma.raw(String(APPEND_LOCK_KEY));

/** What an event row is written with; the log gives it its id. */
export interface NewEvent {
  orderId: string;
  type: OrderEventType;
  status: string;
  previousStatus: string | null;
  version: number;
  note?: string | null;
  /** Who made the change: written to `actorId` (staff) or `apiKeyId` (an API key). */
  actor?: Actor | null;
}

function actorColumns(actor: Actor | null | undefined): { actorId: string | null; apiKeyId: string | null } {
  return { actorId: actor?.kind === "staff" ? actor.id : null, apiKeyId: actor?.kind === "api_key" ? actor.id : null };
}

export async function appendEvent(tx: Prisma.TransactionClient, data: NewEvent, provider: Provider): Promise<{ id: number; at: Date }> {
  return provider === "sqlite" ? appendOnSqlite(tx, data) : appendOnPostgres(tx, data);
}

/**
 * Raw rather than `orderEvent.create` (issue 15): a model query passes through Prisma's query
 * compiler on every change. `at` goes in as a Date, which the adapter writes exactly as
 * Prisma's own writes store a DateTime (service.test.ts compares the two).
 */
async function appendOnSqlite(tx: Prisma.TransactionClient, data: NewEvent): Promise<{ id: number; at: Date }> {
  const at = new Date();
  const { actorId, apiKeyId } = actorColumns(data.actor);
  const rows = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "OrderEvent" ("orderId", "type", "status", "previousStatus", "version", "note", "actorId", "apiKeyId", "at")
    VALUES (${data.orderId}, ${data.type}, ${data.status}, ${data.previousStatus}, ${data.version}, ${data.note ?? null},
            ${actorId}, ${apiKeyId}, ${at})
    RETURNING "id"`;
  const event = rows[0];
  if (!event) throw new Error("appending to the event log returned no row");
  return { id: event.id, at };
}

/**
 * The lock, the insert and the notification as one statement, so one round trip (issue 15): the
 * INSERT's row comes out of the lock's CTE, so the id is drawn only once the lock is held, and
 * the notification names the id it drew. Every value is cast to its column's type: an INSERT
 * ... SELECT does not infer parameter types from the target. `at` is written as Prisma writes a
 * DateTime, the UTC wall clock in a `timestamp(3)` (a zone in the literal is ignored there).
 */
async function appendOnPostgres(tx: Prisma.TransactionClient, data: NewEvent): Promise<{ id: number; at: Date }> {
  const at = new Date().toISOString();
  const { actorId, apiKeyId } = actorColumns(data.actor);
  const rows = await tx.$queryRaw<{ id: number; at: Date }[]>`
    WITH "lock" AS (SELECT pg_advisory_xact_lock(${APPEND_LOCK_SQL})),
         "event" AS (
           INSERT INTO "OrderEvent" ("orderId", "type", "status", "previousStatus", "version", "note", "actorId", "apiKeyId", "at")
           SELECT ${data.orderId}::text, ${data.type}::text, ${data.status}::text, ${data.previousStatus}::text,
                  ${data.version}::integer, ${data.note ?? null}::text, ${actorId}::text, ${apiKeyId}::text, ${at}::timestamp(3)
             FROM "lock"
           RETURNING "id", "at")
    SELECT e."id", e."at" FROM "event" e, LATERAL (SELECT pg_notify(${ORDER_EVENTS_CHANNEL}::text, e."id"::text)) AS "notified"`;
  const event = rows[0];
  if (!event) throw new Error("appending to the event log returned no row");
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
export function eventCommitted(type: OrderEventType, eventId: number, counts: WrittenCounts = processWrittenCounts()): void {
  counts[type] += 1;
  // The id, not a bare wake-up: on PostgreSQL this commit's NOTIFY may have woken the hub first,
  // and a bare wake-up during that read would cost a second, empty one (issue 15).
  notifyOrderEvents(eventId);
}
