/**
 * The hot paths' reads, one statement each. Prisma loads an `include` with one query per
 * relation: an order with its events and their actors is three statements, and so is a page of
 * the log with each event's order and actor. Every status change runs both reads (the transition
 * reads the order, the hub reads the new event), and every customer stream that opens reads its
 * order's state by token, so they are written here as joins or subqueries (issue 15).
 *
 * Through `$queryRaw`'s tagged template, still Prisma's: it renders the placeholders for the
 * client's database, and both drivers hand back the same types for these columns (Date for
 * DateTime, number for Int), which joined-reads.test.ts checks against the `include` reads on
 * both databases. The SQL is the common subset of SQLite and PostgreSQL: quoted identifiers, joins.
 */
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { eventActor, type EventRow, type OrderRow } from "./view";

type Client = Pick<Prisma.TransactionClient, "$queryRaw">;

interface EventColumns {
  id: number;
  orderId: string;
  type: string;
  status: string;
  previousStatus: string | null;
  version: number;
  note: string | null;
  actorId: string | null;
  apiKeyId: string | null;
  at: Date;
  actorName: string | null;
  keyName: string | null;
}

interface LogRow extends EventColumns {
  code: string;
  customerName: string;
  items: string;
  orderNote: string | null;
  createdAt: Date;
  externalId: string | null;
  sourceName: string | null;
}

/** The acting staff member's or API key's columns, as the include read's `actor`/`apiKey` would give them. */
function actorOf(row: { actorId: string | null; actorName: string | null; apiKeyId: string | null; keyName: string | null }): EventRow["actor"] {
  return eventActor(
    row.actorId !== null && row.actorName !== null ? { id: row.actorId, name: row.actorName } : null,
    row.apiKeyId !== null && row.keyName !== null ? { id: row.apiKeyId, name: row.keyName } : null,
  );
}

const LOG_SELECT = Prisma.sql`
  SELECT e."id", e."orderId", e."type", e."status", e."previousStatus", e."version", e."note", e."actorId", e."apiKeyId",
         e."at", o."code", o."customerName", o."items", o."note" AS "orderNote", o."createdAt", o."externalId",
         s."name" AS "sourceName", a."name" AS "actorName", k."name" AS "keyName"
    FROM "OrderEvent" e
    JOIN "Order" o ON o."id" = e."orderId"
    LEFT JOIN "ApiKey" s ON s."id" = o."sourceKeyId"
    LEFT JOIN "StaffUser" a ON a."id" = e."actorId"
    LEFT JOIN "ApiKey" k ON k."id" = e."apiKeyId"`;

function toEventRow(row: LogRow): EventRow {
  return {
    id: row.id,
    orderId: row.orderId,
    type: row.type,
    status: row.status,
    previousStatus: row.previousStatus,
    version: row.version,
    note: row.note,
    actorId: row.actorId,
    apiKeyId: row.apiKeyId,
    at: row.at,
    order: {
      code: row.code,
      customerName: row.customerName,
      items: row.items,
      note: row.orderNote,
      createdAt: row.createdAt,
      externalId: row.externalId,
      sourceName: row.sourceName,
    },
    actor: actorOf(row),
  };
}

/** Every event with id > cursor, oldest first, at most `limit`, with its order's and actor's fields. */
export async function readLogAfter(client: Client, cursor: number, limit: number): Promise<EventRow[]> {
  const rows = await client.$queryRaw<LogRow[]>`${LOG_SELECT} WHERE e."id" > ${cursor} ORDER BY e."id" LIMIT ${limit}`;
  return rows.map(toEventRow);
}

/** One order's events (its creation and every status change) with id > cursor, oldest first. */
export async function readOrderEventsAfter(client: Client, orderId: string, cursor: number): Promise<EventRow[]> {
  const rows = await client.$queryRaw<LogRow[]>`${LOG_SELECT}
    WHERE e."orderId" = ${orderId} AND e."id" > ${cursor} ORDER BY e."id"`;
  return rows.map(toEventRow);
}

interface OrderEventRow {
  id: string;
  code: string;
  trackingTokenHash: string;
  customerName: string;
  items: string;
  note: string | null;
  status: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  sourceKeyId: string | null;
  externalId: string | null;
  sourceName: string | null;
  eventId: number | null;
  eventType: string | null;
  eventStatus: string | null;
  eventPreviousStatus: string | null;
  eventVersion: number | null;
  eventNote: string | null;
  actorId: string | null;
  apiKeyId: string | null;
  eventAt: Date | null;
  actorName: string | null;
  keyName: string | null;
}

/** A column the schema declares NOT NULL, read through a LEFT JOIN's nullable type. */
function present<T>(value: T | null, column: string): T {
  if (value === null) throw new Error(`OrderEvent.${column} is NULL in the database`);
  return value;
}

/** An order with its events (oldest first) and their actors, or null when no order has this id. */
export async function readOrderWithEvents(client: Client, orderId: string): Promise<OrderRow | null> {
  const rows = await client.$queryRaw<OrderEventRow[]>`
    SELECT o."id", o."code", o."trackingTokenHash", o."customerName", o."items", o."note", o."status", o."version",
           o."createdAt", o."updatedAt", o."sourceKeyId", o."externalId", s."name" AS "sourceName",
           e."id" AS "eventId", e."type" AS "eventType", e."status" AS "eventStatus",
           e."previousStatus" AS "eventPreviousStatus", e."version" AS "eventVersion", e."note" AS "eventNote",
           e."actorId", e."apiKeyId", e."at" AS "eventAt",
           a."name" AS "actorName", k."name" AS "keyName"
      FROM "Order" o
      LEFT JOIN "ApiKey" s ON s."id" = o."sourceKeyId"
      LEFT JOIN "OrderEvent" e ON e."orderId" = o."id"
      LEFT JOIN "StaffUser" a ON a."id" = e."actorId"
      LEFT JOIN "ApiKey" k ON k."id" = e."apiKeyId"
     WHERE o."id" = ${orderId}
     ORDER BY e."id"`;
  const first = rows[0];
  if (!first) return null;
  const events: OrderRow["events"] = [];
  for (const row of rows) {
    // An order without events (never written, but a LEFT JOIN allows it) is one row of NULLs.
    if (row.eventId === null) continue;
    events.push({
      id: row.eventId,
      orderId: first.id,
      type: present(row.eventType, "type"),
      status: present(row.eventStatus, "status"),
      previousStatus: row.eventPreviousStatus,
      version: present(row.eventVersion, "version"),
      note: row.eventNote,
      actorId: row.actorId,
      apiKeyId: row.apiKeyId,
      at: present(row.eventAt, "at"),
      actor: actorOf(row),
    });
  }
  return {
    id: first.id,
    code: first.code,
    trackingTokenHash: first.trackingTokenHash,
    customerName: first.customerName,
    items: first.items,
    note: first.note,
    status: first.status,
    version: first.version,
    createdAt: first.createdAt,
    updatedAt: first.updatedAt,
    sourceKeyId: first.sourceKeyId,
    externalId: first.externalId,
    sourceName: first.sourceName,
    events,
  };
}

/** What a tracking stream needs of its order: the id, the status and its newest event's id (0: none). */
export interface TrackingTarget {
  id: string;
  status: string;
  lastEventId: number;
}

/** The order whose tracking token has this hash, or null. */
export async function readTrackingTarget(client: Client, tokenHash: string): Promise<TrackingTarget | null> {
  const rows = await client.$queryRaw<{ id: string; status: string; lastEventId: number | bigint | null }[]>`
    SELECT o."id", o."status", (SELECT MAX(e."id") FROM "OrderEvent" e WHERE e."orderId" = o."id") AS "lastEventId"
      FROM "Order" o
     WHERE o."trackingTokenHash" = ${tokenHash}`;
  const row = rows[0];
  return row ? { id: row.id, status: row.status, lastEventId: Number(row.lastEventId ?? 0) } : null;
}
