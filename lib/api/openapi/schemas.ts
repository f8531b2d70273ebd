/**
 * The API's answers as zod schemas, for the OpenAPI document (document.ts). The answers
 * themselves are built from the TypeScript types in lib/orders/types.ts and friends; these
 * schemas describe them, and openapi.test.ts parses real answers with them (strictly: an extra
 * or missing field fails), so the document cannot drift from what the server sends.
 */
import { z } from "zod";
import { SCOPES } from "@/lib/auth/scopes";
import { ERROR_CODES } from "@/lib/http/responses";
import { ORDER_EVENT_TYPES } from "@/lib/orders/event-types";
import { ORDER_STATUSES } from "@/lib/orders/status";

const isoTime = z.string().meta({ format: "date-time", example: "2026-11-22T12:00:00.000Z" });
const status = z.enum(ORDER_STATUSES).meta({ id: "OrderStatus" });
const eventType = z.enum(ORDER_EVENT_TYPES).meta({ id: "EventType" });

export const errorSchema = z
  .strictObject({
    error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() }),
  })
  .catchall(z.unknown())
  .meta({ id: "Error", description: "Every error answer: a machine code and a human message, plus context where documented." });

export const orderItemSchema = z.strictObject({ name: z.string(), quantity: z.number().int() }).meta({ id: "OrderItem" });

export const actorSchema = z
  .strictObject({ kind: z.enum(["staff", "api_key"]), id: z.string(), name: z.string() })
  .meta({ id: "Actor", description: "Who made a change: a staff member, or another system through its API key." });

export const orderEventSchema = z
  .strictObject({
    eventId: z.number().int(),
    orderId: z.string(),
    code: z.string(),
    status,
    previousStatus: status.nullable(),
    version: z.number().int(),
    at: isoTime,
    note: z.string().nullable(),
  })
  .meta({ id: "OrderEvent", description: "One event as customers get it: the `data:` of an SSE message and a timeline entry." });

export const staffEventSchema = orderEventSchema
  .extend({
    type: eventType,
    actor: actorSchema.nullable(),
    customerName: z.string(),
    items: z.array(orderItemSchema),
    orderNote: z.string().nullable(),
    createdAt: isoTime,
    externalId: z.string().nullable(),
    source: z.string().nullable(),
  })
  .meta({ id: "StaffEvent", description: "One event as staff, keys with events:read and webhooks get it." });

const orderFields = {
  id: z.string(),
  code: z.string(),
  customerName: z.string(),
  items: z.array(orderItemSchema),
  note: z.string().nullable(),
  status,
  version: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
};

export const orderSchema = z
  .strictObject({ ...orderFields, timeline: z.array(orderEventSchema) })
  .meta({ id: "Order", description: "An order as customers see it: no staff identities." });

export const staffOrderSchema = z
  .strictObject({
    ...orderFields,
    externalId: z.string().nullable(),
    source: z.string().nullable(),
    timeline: z.array(orderEventSchema.extend({ actor: actorSchema.nullable() })),
  })
  .meta({ id: "StaffOrder" });

export const placedSchema = z.strictObject({ order: orderSchema, trackingUrl: z.string().meta({ format: "uri" }) }).meta({ id: "PlacedOrder" });

const stageSchema = z.strictObject({ expectedMs: z.number(), samples: z.number().int(), learned: z.boolean() });
export const trackingSchema = z
  .strictObject({
    order: orderSchema,
    cursor: z.number().int(),
    eta: z.strictObject({ stages: z.record(z.enum(ORDER_STATUSES.filter((s) => s !== "delivered" && s !== "cancelled")), stageSchema) }),
  })
  .meta({ id: "Tracking" });

export const pollSchema = z
  .strictObject({
    events: z.array(z.strictObject({ id: z.number().int(), event: eventType, data: z.union([staffEventSchema, orderEventSchema]) })),
    cursor: z.number().int(),
    finished: z.boolean(),
  })
  .meta({ id: "Poll", description: "The events a stream would send after `after`, oldest first, at most 500." });

export const staffOrdersSchema = z.strictObject({ orders: z.array(staffOrderSchema), cursor: z.number().int() });

export const staffSchema = z.strictObject({
  staff: z.strictObject({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["owner", "staff"]) }),
});

export const apiKeySchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    createdAt: isoTime,
    createdBy: z.string().nullable(),
    lastUsedAt: isoTime.nullable(),
    revokedAt: isoTime.nullable(),
  })
  .meta({ id: "ApiKey", description: "A key as lists show it: never the key itself." });

export const webhookSchema = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(eventType),
    createdAt: isoTime,
    createdBy: z.string().nullable(),
    cursor: z.number().int(),
    failures: z.number().int(),
    failingSince: isoTime.nullable(),
    nextAttemptAt: isoTime.nullable(),
    disabledAt: isoTime.nullable(),
    disabledReason: z.string().nullable(),
    attempts: z.array(
      z.strictObject({ eventId: z.number().int(), at: isoTime, statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int() }),
    ),
  })
  .meta({ id: "Webhook" });

export const healthSchema = z
  .strictObject({
    status: z.enum(["ok", "fail", "shutting_down"]),
    checks: z.strictObject({ database: z.record(z.string(), z.unknown()), hub: z.record(z.string(), z.unknown()) }),
  })
  .meta({ id: "Health" });

/** The Standard Webhooks message body every endpoint receives. */
export const webhookMessageSchema = z
  .strictObject({ type: eventType, timestamp: isoTime, data: staffEventSchema })
  .meta({ id: "WebhookMessage", description: "Signed per Standard Webhooks: webhook-id (evt_<event id>), webhook-timestamp, webhook-signature." });
