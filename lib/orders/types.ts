import type { OrderStatus } from "./status";

export type OrderEventType = "order.created" | "order.status";

export interface OrderItem {
  name: string;
  quantity: number;
}

/** One event as customers receive it: the `data:` of an SSE message and a timeline entry. */
export interface OrderEventPayload {
  eventId: number;
  orderId: string;
  code: string;
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  version: number;
  /** ISO-8601 time of the change. */
  at: string;
  note: string | null;
}

/** Who made a change: a staff member, or another system through its API key (staff see "via Till 2"). */
export interface Actor {
  kind: "staff" | "api_key";
  id: string;
  name: string;
}

/**
 * One event as staff receive it: the customer payload plus who made the change and what the
 * board needs to show an order it has not seen yet. Never sent to customers.
 */
export interface StaffEventPayload extends OrderEventPayload {
  type: OrderEventType;
  actor: Actor | null;
  customerName: string;
  items: OrderItem[];
  orderNote: string | null;
  createdAt: string;
  /** The order's number in the system that placed it (a till), or null. */
  externalId: string | null;
  /** The name of the API key that placed the order, or null (the order page). */
  source: string | null;
}

/** An order in every answer of the HTTP API (customer view: no staff identities). */
export interface OrderView {
  id: string;
  code: string;
  customerName: string;
  items: OrderItem[];
  note: string | null;
  status: OrderStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  timeline: OrderEventPayload[];
}

/** An order as staff see it: where it came from, and timeline entries name their actor. */
export interface StaffOrderView extends Omit<OrderView, "timeline"> {
  externalId: string | null;
  source: string | null;
  timeline: (OrderEventPayload & { actor: Actor | null })[];
}

/** The JSON poll's answer (docs/architecture.md, "Public HTTP contract"; lib/orders/event-log/poll.ts). */
export interface PolledEvent<Data = OrderEventPayload | StaffEventPayload> {
  id: number;
  event: OrderEventType;
  data: Data;
}

export interface PollAnswer<Data = OrderEventPayload | StaffEventPayload> {
  events: PolledEvent<Data>[];
  /** The last returned id, or the request's `after` when there is none. */
  cursor: number;
  /** Nothing can follow: the order is finished and the client has (or now gets) its last event. */
  finished: boolean;
}
