/**
 * The two streams of the order event log (docs/architecture.md, "SSE on the wire"): a customer's
 * follows one order's events and ends with the order; staff's carries every event.
 * How a stream hands over from replay to live without a gap is lib/sse/stream.ts's.
 */
import "server-only";
import type { Audience } from "@/lib/sse/hub";
import { openStream, type StreamKind, type StreamOptions } from "@/lib/sse/stream";
import { getHub, type OrderHub } from "./hub";
import type { EventLog, LoggedEvent } from "./log";
import { customerBytes, staffBytes } from "./wire";

/** Rows per replay read of the staff stream. */
export const REPLAY_BATCH_SIZE = 200;

export interface OrderStreamOptions extends StreamOptions {
  hub?: OrderHub;
}

type CustomerAudience = Extract<Audience, { kind: "customer" }>;

const CUSTOMER: StreamKind<LoggedEvent, EventLog, CustomerAudience> = {
  replay: (log, audience, after) => log.readOrderEventsAfter(audience.key, after),
  // An order has a handful of events: one read fetches them all.
  replayBatchSize: Number.POSITIVE_INFINITY,
  encode: customerBytes,
  endOnTerminal: true,
};

const STAFF: StreamKind<LoggedEvent, EventLog, Audience> = {
  replay: (log, _audience, after) => log.readEventsAfter(after, REPLAY_BATCH_SIZE),
  replayBatchSize: REPLAY_BATCH_SIZE,
  encode: staffBytes,
  endOnTerminal: false,
};

/** One order's events, for its customer. */
export function openCustomerStream(
  options: { orderId: string; cursor: number | null } & OrderStreamOptions,
): ReadableStream<Uint8Array> {
  return openStream(
    {
      kind: CUSTOMER,
      hub: options.hub ?? getHub(),
      audience: { kind: "customer", key: options.orderId },
      // Without a cursor, the order's whole history from its creation (the client's reducer is
      // idempotent by event id, so a page that rendered some of it takes no harm).
      cursor: options.cursor ?? 0,
    },
    options,
  );
}

/** Every order's events, for the staff board. A null cursor starts live, without history. */
export function openStaffStream(options: { cursor: number | null } & OrderStreamOptions): ReadableStream<Uint8Array> {
  return openStream({ kind: STAFF, hub: options.hub ?? getHub(), audience: { kind: "staff" }, cursor: options.cursor }, options);
}
