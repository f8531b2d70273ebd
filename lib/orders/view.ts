import { z } from "zod";
import type { Order, OrderEvent, StaffUser } from "@/lib/db/generated/sqlite/client";
import { isOrderStatus, type OrderStatus } from "./status";
import type {
  OrderEventPayload,
  OrderEventType,
  OrderItem,
  OrderView,
  StaffEventPayload,
  StaffOrderView,
} from "./types";

/** An event row with what its payloads need from the order and the acting staff member. */
export type EventRow = OrderEvent & {
  order: Pick<Order, "code" | "customerName" | "items" | "note" | "createdAt">;
  actor: Pick<StaffUser, "id" | "name"> | null;
};

export type OrderRow = Order & { events: (OrderEvent & { actor: Pick<StaffUser, "id" | "name"> | null })[] };

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
    actor: row.actor ? { id: row.actor.id, name: row.actor.name } : null,
    customerName: row.order.customerName,
    items: parseItems(row.order.items),
    orderNote: row.order.note,
    createdAt: row.order.createdAt.toISOString(),
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
    timeline: order.events.map((event) => ({
      ...basePayload(event, order.code),
      actor: event.actor ? { id: event.actor.id, name: event.actor.name } : null,
    })),
  };
}

/** The Prisma `include` that loads what `toOrderView`/`toStaffOrderView` need. */
export const orderInclude = {
  events: { orderBy: { id: "asc" }, include: { actor: { select: { id: true, name: true } } } },
} as const;
