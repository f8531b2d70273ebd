import "server-only";
import { db, dbProvider } from "@/lib/db/client";
import { appendEvent, eventCommitted } from "./event-log/append";
import { ORDER_ID_PATTERN, newId, newOrderCode } from "./codes";
import { readOrderWithEvents } from "./joined-reads";
import type { CreateOrderInput } from "./input";
import { canTransition, isOrderStatus, type OrderStatus } from "./status";
import { newTrackingToken, trackingTokenHash } from "./tracking-token";
import type { OrderView, StaffOrderView } from "./types";
import { orderInclude, toOrderView, toStaffOrderView, type OrderRow } from "./view";

const CODE_ATTEMPTS = 8;

function isUniqueViolation(error: unknown, field: string): boolean {
  if (typeof error !== "object" || error === null || !("code" in error) || error.code !== "P2002") return false;
  return JSON.stringify("meta" in error ? error.meta : "").includes(field);
}

/**
 * Places an order: the order row and its `order.created` event commit together. The tracking
 * token is returned here, once, for the caller's link; the database keeps only its hash.
 */
export async function createOrder(
  input: CreateOrderInput,
): Promise<{ order: OrderView; trackingToken: string }> {
  for (let attempt = 1; ; attempt++) {
    const id = newId();
    const trackingToken = newTrackingToken();
    try {
      const order = await db().$transaction(async (tx) => {
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
          },
        });
        await appendEvent(
          tx,
          { orderId: id, type: "order.created", status: "placed", previousStatus: null, version: 1 },
          dbProvider(),
        );
        return tx.order.findUniqueOrThrow({ where: { id }, include: orderInclude });
      });
      eventCommitted("order.created");
      return { order: toOrderView(order), trackingToken };
    } catch (error) {
      // A code collision is expected now and then with short codes: draw another one.
      if (attempt < CODE_ATTEMPTS && isUniqueViolation(error, "code")) continue;
      throw error;
    }
  }
}

export type TransitionResult =
  | { ok: true; order: StaffOrderView }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "stale_version" | "illegal_transition"; order: StaffOrderView };

/**
 * Moves an order to `to` if it is still at `expectedVersion` and the status machine allows it.
 * The update is conditional on the version, so two staff deciding on the same state cannot
 * both advance it; the event row commits in the same transaction or not at all.
 */
export async function transitionOrder(input: {
  orderId: string;
  to: OrderStatus;
  expectedVersion: number;
  note?: string;
  actor: { id: string; name: string };
}): Promise<TransitionResult> {
  // The id comes from the URL: one no order can have (a NUL is a PostgreSQL error) is unknown.
  if (!ORDER_ID_PATTERN.test(input.orderId)) return { ok: false, reason: "not_found" };
  const result = await db().$transaction(async (tx): Promise<TransitionResult> => {
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
    const updated = await tx.order.updateMany({
      where: { id: input.orderId, version: input.expectedVersion },
      data: { status: input.to, version: { increment: 1 }, updatedAt },
    });
    if (updated.count !== 1) {
      const fresh = await readOrderWithEvents(tx, input.orderId);
      if (!fresh) return { ok: false, reason: "not_found" };
      return { ok: false, reason: "stale_version", order: toStaffOrderView(fresh) };
    }
    const change = {
      orderId: input.orderId,
      type: "order.status",
      status: input.to,
      previousStatus: from,
      version: input.expectedVersion + 1,
      note: input.note ?? null,
      actorId: input.actor.id,
    };
    const event = await appendEvent(tx, change, dbProvider());
    // The order as it now stands is the row read above plus this change: no read-back, so on
    // PostgreSQL the append lock is released at once (it is held until commit).
    const order: OrderRow = {
      ...current,
      status: input.to,
      version: change.version,
      updatedAt,
      events: [...current.events, { ...change, id: event.id, at: event.at, actor: input.actor }],
    };
    return { ok: true, order: toStaffOrderView(order) };
  });
  if (result.ok) eventCommitted("order.status");
  return result;
}
