/**
 * The two streams of the order event log (docs/architecture.md, "SSE on the wire"): a customer's
 * follows one order's `order.status` events and ends with the order; staff's carries every event.
 * How a stream hands over from replay to live without a gap is lib/sse/stream.ts's.
 */
import "server-only";
import { attachStream, openStream, type StreamHandle, type StreamOptions, type StreamSink, type StreamSpec } from "@/lib/sse/stream";
import { getHub, type OrderHub } from "./hub";
import type { LoggedEvent } from "./log";
import { customerBytes, staffBytes } from "./wire";

/** Rows per replay read of the staff stream. */
export const REPLAY_BATCH_SIZE = 200;

export interface OrderStreamOptions extends StreamOptions {
  hub?: OrderHub;
}

type Spec = StreamSpec<LoggedEvent>;

function customerSpec(options: { orderId: string; cursor: number | null } & OrderStreamOptions): Spec {
  const hub = options.hub ?? getHub();
  return {
    ...options,
    hub,
    audience: { kind: "customer", key: options.orderId },
    // The order's created event is in the server-rendered timeline; without a cursor, replay
    // its whole status history (the client's reducer is idempotent by event id).
    cursor: options.cursor ?? 0,
    replay: (after) => hub.log.readOrderEventsAfter(options.orderId, after),
    // An order has a handful of status events: one read fetches them all.
    replayBatchSize: Number.POSITIVE_INFINITY,
    encode: customerBytes,
    endOnTerminal: true,
  };
}

function staffSpec(options: { cursor: number | null } & OrderStreamOptions): Spec {
  const hub = options.hub ?? getHub();
  return {
    ...options,
    hub,
    audience: { kind: "staff" },
    replay: (after) => hub.log.readEventsAfter(after, REPLAY_BATCH_SIZE),
    replayBatchSize: REPLAY_BATCH_SIZE,
    encode: staffBytes,
    endOnTerminal: false,
  };
}

/** One order's `order.status` events, for its customer. */
export function openCustomerStream(
  options: { orderId: string; cursor: number | null } & OrderStreamOptions,
): ReadableStream<Uint8Array> {
  return openStream(customerSpec(options));
}

/** Every order's events, for the staff board. A null cursor starts live, without history. */
export function openStaffStream(options: { cursor: number | null } & OrderStreamOptions): ReadableStream<Uint8Array> {
  return openStream(staffSpec(options));
}

/** The same streams written straight to a sink (a Node response) instead of a ReadableStream. */
export function attachCustomerStream(
  options: { orderId: string; cursor: number | null } & OrderStreamOptions,
  sink: StreamSink,
): StreamHandle {
  return attachStream(customerSpec(options), sink);
}

export function attachStaffStream(options: { cursor: number | null } & OrderStreamOptions, sink: StreamSink): StreamHandle {
  return attachStream(staffSpec(options), sink);
}

