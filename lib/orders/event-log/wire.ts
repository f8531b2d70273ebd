/**
 * The bytes each audience receives. Encoded once per event and audience, then the same
 * Uint8Array goes to every subscriber (never mutate one after it is handed out).
 */
import { encodeEvent } from "@/lib/sse/encoder";
import type { LoggedEvent } from "./log";

// One encoder for the process: TextEncoder holds no per-call state.
const encoder = new TextEncoder();

/**
 * Customers get every event of their order as `order.status`, its creation too (status
 * `placed`, no previous status): to a customer, placing an order is its first status, and a
 * client that reads only the stream sees the whole timeline. The payload carries no staff identity.
 */
export function customerBytes(event: LoggedEvent): Uint8Array {
  return encoder.encode(encodeEvent({ id: event.id, event: "order.status", data: JSON.stringify(event.customer) }));
}

export function staffBytes(event: LoggedEvent): Uint8Array {
  return encoder.encode(encodeEvent({ id: event.id, event: event.type, data: JSON.stringify(event.staff) }));
}
