/**
 * The bytes each audience receives. Encoded once per event and audience, then the same
 * Uint8Array goes to every subscriber (never mutate one after it is handed out).
 */
import type { LoggedEvent } from "./log";
import { encodeComment, encodeEvent, encodeRetry } from "./sse";

// One encoder for the process: TextEncoder holds no per-call state.
const encoder = new TextEncoder();

/** How long a browser waits before reconnecting after a dropped stream. */
export const RECONNECT_DELAY_MS = 2000;

export const RETRY_BYTES: Uint8Array = encoder.encode(encodeRetry(RECONNECT_DELAY_MS));
export const KEEP_ALIVE_BYTES: Uint8Array = encoder.encode(encodeComment("keep-alive"));

/** Customers get `order.status` only; the payload carries no staff identity. */
export function customerBytes(event: LoggedEvent): Uint8Array {
  return encoder.encode(encodeEvent({ id: event.id, event: "order.status", data: JSON.stringify(event.customer) }));
}

export function staffBytes(event: LoggedEvent): Uint8Array {
  return encoder.encode(encodeEvent({ id: event.id, event: event.type, data: JSON.stringify(event.staff) }));
}
