/**
 * Reads of the event log (invariant 1: the log is the truth; streams are a view of it).
 * `createEventLog(client)` lets tests and scripts bring their own PrismaClient;
 * `defaultEventLog()` uses the process's client.
 */
import "server-only";
import { committedReader } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/sqlite/client";
import { TERMINAL_STATUSES } from "@/lib/orders/status";
import type { OrderEventPayload, OrderEventType, StaffEventPayload } from "@/lib/orders/types";
// The row→payload mapping lives in one place, shared with the server-rendered timelines, so a
// timeline entry and its live SSE twin are byte-for-byte the same JSON.
import { readLogAfter, readOrderEventsAfter } from "@/lib/orders/joined-reads";
import { toCustomerPayload, toStaffPayload, type EventRow } from "@/lib/orders/view";
import { processSlot } from "@/lib/runtime";

/** One log entry, mapped once for both audiences. */
export interface LoggedEvent {
  id: number;
  orderId: string;
  type: OrderEventType;
  /** A status event that finishes the order; the customer stream closes after it. */
  terminal: boolean;
  customer: OrderEventPayload;
  staff: StaffEventPayload;
}

export interface EventLog {
  /** The highest event id in the log, 0 when it is empty. */
  latestEventId(): Promise<number>;
  /** Every event with id > cursor, oldest first, at most `limit` (hub reads, staff replay). */
  readEventsAfter(cursor: number, limit: number): Promise<LoggedEvent[]>;
  /** One order's events with id > cursor, its creation included (customer replay; a handful per order). */
  readOrderEventsAfter(orderId: string, cursor: number): Promise<LoggedEvent[]>;
}

function toLoggedEvent(row: EventRow): LoggedEvent {
  const staff = toStaffPayload(row);
  return {
    id: row.id,
    orderId: row.orderId,
    type: staff.type,
    terminal: staff.type === "order.status" && TERMINAL_STATUSES.has(staff.status),
    customer: toCustomerPayload(row),
    staff,
  };
}

/**
 * The highest event id, 0 for an empty log; `client` may be a transaction, for snapshots. Not
 * `aggregate({ _max })`: Prisma wraps that in a subquery (`SELECT MAX(id) FROM (SELECT id …)`)
 * that scans the whole log, where ORDER BY id DESC LIMIT 1 is one primary-key lookup.
 */
export async function latestEventId(client: Pick<PrismaClient, "orderEvent">): Promise<number> {
  const latest = await client.orderEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return latest?.id ?? 0;
}

export function createEventLog(client: PrismaClient): EventLog {
  return {
    latestEventId: () => latestEventId(client),
    async readEventsAfter(cursor, limit) {
      return (await readLogAfter(client, cursor, limit)).map(toLoggedEvent);
    },
    async readOrderEventsAfter(orderId, cursor) {
      return (await readOrderEventsAfter(client, orderId, cursor)).map(toLoggedEvent);
    },
  };
}

// Built on first use, so importing this module never opens the database; one per process, not
// one per module copy (lib/runtime.ts).
const processLog = processSlot("eventLog", () => createEventLog(committedReader()));

export function defaultEventLog(): EventLog {
  return processLog();
}
