/**
 * Applies stream events to an order the page already shows. Pure, so the tracking page and the
 * staff board share one rule, and idempotent by event id: a replayed or duplicated event (after a
 * reconnect, or one the server-rendered snapshot already held) changes nothing.
 */
import type { OrderStatus } from "@/lib/orders/status";
import type { OrderEventPayload, StaffEventPayload, StaffOrderView } from "@/lib/orders/types";

/** The part of an order the reducer touches; OrderView and StaffOrderView both fit. */
export interface TimelineOrder<Entry extends OrderEventPayload = OrderEventPayload> {
  id: string;
  status: OrderStatus;
  version: number;
  updatedAt: string;
  timeline: Entry[];
}

/** The id of the newest event already applied to `order`, or 0 for an empty timeline. */
export function lastAppliedEventId(order: { timeline: readonly OrderEventPayload[] }): number {
  let max = 0;
  for (const entry of order.timeline) if (entry.eventId > max) max = entry.eventId;
  return max;
}

/**
 * Returns `order` with `entry` applied, or `order` itself (same reference, so React skips the
 * render) when the entry belongs to another order or is not newer than the last applied event.
 */
export function applyOrderEvent<Entry extends OrderEventPayload, O extends TimelineOrder<Entry>>(
  order: O,
  entry: Entry,
): O {
  if (entry.orderId !== order.id) return order;
  if (entry.eventId <= lastAppliedEventId(order)) return order;

  const timeline = [...order.timeline, entry].sort((a, b) => a.eventId - b.eventId);
  // Event ids and versions grow together, so a newer event normally carries a newer version; the
  // check keeps an order that arrived whole (a POST answer) from being rolled back by a lagging one.
  if (entry.version < order.version) return { ...order, timeline };
  return { ...order, timeline, status: entry.status, version: entry.version, updatedAt: entry.at };
}

/** Picks whichever copy of the same order is further along (more events applied, then version). */
export function newerOrder<O extends TimelineOrder>(current: O | undefined, incoming: O): O {
  if (!current) return incoming;
  const byEvents = lastAppliedEventId(incoming) - lastAppliedEventId(current);
  if (byEvents !== 0) return byEvents > 0 ? incoming : current;
  return incoming.version >= current.version ? incoming : current;
}

type StaffTimelineEntry = StaffOrderView["timeline"][number];

/** The timeline entry a staff event stands for (the payload minus the board-only fields). */
export function staffTimelineEntry(payload: StaffEventPayload): StaffTimelineEntry {
  return {
    eventId: payload.eventId,
    orderId: payload.orderId,
    code: payload.code,
    status: payload.status,
    previousStatus: payload.previousStatus,
    version: payload.version,
    at: payload.at,
    note: payload.note,
    actor: payload.actor,
  };
}

/**
 * An order the board has not seen yet, built from one staff event (staff payloads carry the
 * order's details for exactly this). Its timeline starts at that event.
 */
export function staffOrderFromEvent(payload: StaffEventPayload): StaffOrderView {
  return {
    id: payload.orderId,
    code: payload.code,
    customerName: payload.customerName,
    items: payload.items,
    note: payload.orderNote,
    status: payload.status,
    version: payload.version,
    createdAt: payload.createdAt,
    updatedAt: payload.at,
    externalId: payload.externalId,
    source: payload.source,
    timeline: [staffTimelineEntry(payload)],
  };
}

/** Applies a staff event to the board's copy of its order, creating the order when unknown. */
export function applyStaffEvent(order: StaffOrderView | undefined, payload: StaffEventPayload): StaffOrderView {
  if (!order) return staffOrderFromEvent(payload);
  return applyOrderEvent(order, staffTimelineEntry(payload));
}
