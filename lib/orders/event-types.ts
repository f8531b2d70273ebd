import type { OrderEventType } from "./types";

/** Every type of event in the log, in the order the API documents them. */
export const ORDER_EVENT_TYPES = ["order.created", "order.status"] as const satisfies readonly OrderEventType[];
