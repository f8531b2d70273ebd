import { z } from "zod";
import type { Order, OrderEvent, Prisma } from "@/lib/db/generated/sqlite/client";
import { isOrderStatus, type OrderStatus } from "./status";
import type {
  Actor,
  OrderEventPayload,
  OrderEventType,
  OrderItem,
  OrderView,
  StaffEventPayload,
  StaffOrderView,
} from "./types";

/** An event row with what its payloads need from the order and from who made the change. */
export type EventRow = OrderEvent & {
  order: Pick<Order, "code" | "customerName" | "items" | "note" | "createdAt" | "externalId"> & { sourceName: string | null };
  actor: Actor | null;
};

/** An order with its events; `sourceName` names the API key that placed it. */
export type OrderRow = Order & { sourceName: string | null; events: (OrderEvent & { actor: Actor | null })[] };

/** An event's actor from its two possible columns' rows (a staff member, or an API key). */
export function eventActor(staff: { id: string; name: string } | null, key: { id: string; name: string } | null): Actor | null {
  if (staff) return { kind: "staff", id: staff.id, name: staff.name };
  if (key) return { kind: "api_key", id: key.id, name: key.name };
  return null;
}

/** The database stores statuses as text; anything else there is corruption, not input. */
function status(value: string): OrderStatus {
  if (!isOrderStatus(value)) throw new Error(`Unknown order status in the database: ${value}`);
  return value;
}

function eventType(value: string): OrderEventType {
  if (value !== "order.created" && value !== "order.status") {
    throw new Error(`Unknown order event type in the database: ${value}`);
  }
  return value;
}

const storedItemsSchema = z.array(z.object({ name: z.string(), quantity: z.number().int() }));

/** Items are stored as JSON text; anything that is not our shape there is corruption. */
export function parseItems(json: string): OrderItem[] {
  return storedItemsSchema.parse(JSON.parse(json));
}

function basePayload(event: OrderEvent, code: string): OrderEventPayload {
  return {
    eventId: event.id,
    orderId: event.orderId,
    code,
    status: status(event.status),
    previousStatus: event.previousStatus === null ? null : status(event.previousStatus),
    version: event.version,
    at: event.at.toISOString(),
    note: event.note,
  };
}

export function toCustomerPayload(row: EventRow): OrderEventPayload {
  return basePayload(row, row.order.code);
}

export function toStaffPayload(row: EventRow): StaffEventPayload {
  return {
    ...basePayload(row, row.order.code),
    type: eventType(row.type),
    actor: row.actor,
    customerName: row.order.customerName,
    items: parseItems(row.order.items),
    orderNote: row.order.note,
    createdAt: row.order.createdAt.toISOString(),
    externalId: row.order.externalId,
    source: row.order.sourceName,
  };
}

function orderFields(order: Order): Omit<OrderView, "timeline"> {
  return {
    id: order.id,
    code: order.code,
    customerName: order.customerName,
    items: parseItems(order.items),
    note: order.note,
    status: status(order.status),
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function toOrderView(order: OrderRow): OrderView {
  return { ...orderFields(order), timeline: order.events.map((event) => basePayload(event, order.code)) };
}

export function toStaffOrderView(order: OrderRow): StaffOrderView {
  return {
    ...orderFields(order),
    externalId: order.externalId,
    source: order.sourceName,
    timeline: order.events.map((event) => ({ ...basePayload(event, order.code), actor: event.actor })),
  };
}

/** The Prisma `include` that loads what `toOrderView`/`toStaffOrderView` need (`orderRowOf` shapes it). */
export const orderInclude = {
  sourceKey: { select: { name: true } },
  events: {
    orderBy: { id: "asc" },
    include: { actor: { select: { id: true, name: true } }, apiKey: { select: { id: true, name: true } } },
  },
} as const satisfies Prisma.OrderInclude;

export type IncludedOrder = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

export function orderRowOf({ sourceKey, events, ...order }: IncludedOrder): OrderRow {
  return {
    ...order,
    sourceName: sourceKey?.name ?? null,
    events: events.map(({ actor, apiKey, ...event }) => ({ ...event, actor: eventActor(actor, apiKey) })),
  };
}
