import "server-only";
import { db, dbProvider } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { GroupCommit } from "@/lib/db/group-commit";
import { intFromEnv } from "@/lib/env";
import { processSlot } from "@/lib/runtime";
import { appendEvent, eventCommitted } from "./event-log/append";
import { ORDER_ID_PATTERN, newId, newOrderCode } from "./codes";
import { readOrderWithEvents } from "./joined-reads";
import type { CreateOrderInput } from "./input";
import { canTransition, isOrderStatus, type OrderStatus } from "./status";
import { newTrackingToken, trackingTokenHash } from "./tracking-token";
import { advanceOrderVersion } from "./version-update";
import type { Actor, OrderView, StaffOrderView } from "./types";
import { toOrderView, toStaffOrderView, type OrderRow } from "./view";

const CODE_ATTEMPTS = 8;

export function isUniqueViolation(error: unknown, field: string): boolean {
  if (typeof error !== "object" || error === null || !("code" in error) || error.code !== "P2002") return false;
  return JSON.stringify("meta" in error ? error.meta : "").includes(field);
}

export interface PlacedOrder {
  order: OrderView;
  trackingToken: string;
}

export interface PlaceOptions {
  /** The API key placing the order (a till): recorded on the order, with `input.externalId`. */
  sourceKeyId?: string;
  /** Who the `order.created` event names: the key, a staff member, or nobody (the order page). */
  actor?: Actor | null;
  /**
   * More writes that must commit with the order or not at all (order intake's idempotency
   * record, lib/integrations/order-intake.ts); a throw rolls the order back.
   */
  alsoInTransaction?: (tx: Prisma.TransactionClient, placed: PlacedOrder) => Promise<void>;
}

/**
 * Places an order: the order row and its `order.created` event commit together. The tracking
 * token is returned here, once, for the caller's link; the database keeps only its hash.
 */
export async function createOrder(input: CreateOrderInput, options: PlaceOptions = {}): Promise<PlacedOrder> {
  if (input.externalId !== undefined && options.sourceKeyId === undefined) {
    throw new Error("an order's externalId is unique per API key: it needs the placing key");
  }
  for (let attempt = 1; ; attempt++) {
    const id = newId();
    const trackingToken = newTrackingToken();
    try {
      const { placed, eventId } = await db().$transaction(async (tx) => {
        await tx.order.create({
          data: {
            id,
            code: newOrderCode(),
            trackingTokenHash: trackingTokenHash(trackingToken),
            customerName: input.customerName,
            items: JSON.stringify(input.items.map(({ name, quantity }) => ({ name, quantity }))),
            note: input.note ?? null,
            status: "placed",
            version: 1,
            sourceKeyId: options.sourceKeyId ?? null,
            externalId: input.externalId ?? null,
          },
        });
        const event = await appendEvent(
          tx,
          { orderId: id, type: "order.created", status: "placed", previousStatus: null, version: 1, actor: options.actor ?? null },
          dbProvider(),
        );
        const row = await readOrderWithEvents(tx, id);
        if (!row) throw new Error("a placed order was not found in its own transaction");
        const placed = { order: toOrderView(row), trackingToken };
        await options.alsoInTransaction?.(tx, placed);
        return { placed, eventId: event.id };
      });
      eventCommitted("order.created", eventId);
      return placed;
    } catch (error) {
      // A code collision is expected now and then with short codes: draw another one.
      if (attempt < CODE_ATTEMPTS && isUniqueViolation(error, "code")) continue;
      throw error;
    }
  }
}

export type TransitionResult =
  | { ok: true; order: StaffOrderView; eventId: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "stale_version" | "illegal_transition"; order: StaffOrderView };

export interface TransitionInput {
  orderId: string;
  to: OrderStatus;
  expectedVersion: number;
  note?: string;
  actor: Actor;
}

// Writes queue for SQLite's one writer anyway; batching them saves an fsync per change
// (lib/db/group-commit.ts). A batch holds the writer for ~1 ms a change, so at most ~50 ms.
const SQLITE_MAX_BATCH = 50;
// Under load a batch gathers for TRACKER_COMMIT_GATHER_MS: ~20 % less CPU per change at 200/s for
// a ~5 ms later answer (decisions 021 and 022).
const DEFAULT_GATHER_MS = 4;

// One queue per process, whichever module copy serves the request (lib/runtime.ts).
const sqliteCommits = processSlot(
  "transitionCommits",
  () =>
    new GroupCommit<Prisma.TransactionClient, TransitionInput, TransitionResult>({
      transaction: (work) => db().$transaction(work),
      step: applyTransition,
      maxBatch: SQLITE_MAX_BATCH,
      gatherMs: intFromEnv("TRACKER_COMMIT_GATHER_MS", DEFAULT_GATHER_MS, 0),
    }),
);

/** How many transactions SQLite's group commit has made for how many changes (this process). */
export function transitionCommitStats(): Readonly<GroupCommit<unknown, unknown, unknown>["stats"]> {
  return sqliteCommits().stats;
}

/**
 * Moves an order to `to` if it is still at `expectedVersion` and the status machine allows it.
 * The update is conditional on the version, so two staff deciding on the same state cannot
 * both advance it; the event row commits in the same transaction or not at all. On SQLite the
 * transaction may carry other changes too (group commit); on PostgreSQL each has its own, and
 * concurrent ones run side by side on the pool.
 */
export async function transitionOrder(input: TransitionInput): Promise<TransitionResult> {
  // The id comes from the URL: one no order can have (a NUL is a PostgreSQL error) is unknown.
  if (!ORDER_ID_PATTERN.test(input.orderId)) return { ok: false, reason: "not_found" };
  const result =
    dbProvider() === "sqlite"
      ? await sqliteCommits().submit(input)
      : await db().$transaction((tx) => applyTransition(tx, input));
  if (result.ok) eventCommitted("order.status", result.eventId);
  return result;
}

/** A transition's reads and writes, inside the caller's transaction. */
async function applyTransition(tx: Prisma.TransactionClient, input: TransitionInput): Promise<TransitionResult> {
  const current = await readOrderWithEvents(tx, input.orderId);
  if (!current) return { ok: false, reason: "not_found" };
  if (current.version !== input.expectedVersion) {
    return { ok: false, reason: "stale_version", order: toStaffOrderView(current) };
  }
  const from = current.status;
  if (!isOrderStatus(from) || !canTransition(from, input.to)) {
    return { ok: false, reason: "illegal_transition", order: toStaffOrderView(current) };
  }
  const updatedAt = new Date();
  const advanced = await advanceOrderVersion(tx, { orderId: input.orderId, expectedVersion: input.expectedVersion, status: input.to, updatedAt });
  if (!advanced) {
    const fresh = await readOrderWithEvents(tx, input.orderId);
    if (!fresh) return { ok: false, reason: "not_found" };
    return { ok: false, reason: "stale_version", order: toStaffOrderView(fresh) };
  }
  const change = {
    orderId: input.orderId,
    type: "order.status" as const,
    status: input.to,
    previousStatus: from,
    version: input.expectedVersion + 1,
    note: input.note ?? null,
  };
  const event = await appendEvent(tx, { ...change, actor: input.actor }, dbProvider());
  // The order as it now stands is the row read above plus this change: no read-back, so on
  // PostgreSQL the append lock is released at once (it is held until commit).
  const order: OrderRow = {
    ...current,
    status: input.to,
    version: change.version,
    updatedAt,
    events: [
      ...current.events,
      {
        ...change,
        id: event.id,
        at: event.at,
        actorId: input.actor.kind === "staff" ? input.actor.id : null,
        apiKeyId: input.actor.kind === "api_key" ? input.actor.id : null,
        actor: input.actor,
      },
    ],
  };
  return { ok: true, order: toStaffOrderView(order), eventId: event.id };
}
