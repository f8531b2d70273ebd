import { ORDER_EVENT_TYPES } from "@/lib/orders/event-types";

/**
 * The event types an endpoint can ask for, with what each means to an owner choosing them. Apart
 * from endpoints.ts (server-only) because the staff integrations page offers them in the browser.
 */
export const WEBHOOK_EVENT_TYPES = ORDER_EVENT_TYPES;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Readonly<Record<WebhookEventType, string>> = {
  "order.created": "an order was placed",
  "order.status": "an order moved on, was delivered or was cancelled",
};
