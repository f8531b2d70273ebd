/**
 * The JSON twin of the two event streams (issue 6): `GET <stream path>?after=N` answers the events
 * the stream would send after N, oldest first, at most POLL_LIMIT at a time. Browsers use it when
 * they cannot hold a stream (no EventSource, a buffering proxy) and when a tab joins a stream
 * another tab of the browser holds (lib/hooks/stream-leader.ts). Each event's `data` is the
 * stream's `data:` payload, mapped by the same code (log.ts), so a polled event and its streamed
 * twin are the same JSON. The answer's shape is in lib/orders/types.ts, which the browser shares.
 */
import type { OrderEventPayload, PollAnswer, PolledEvent, StaffEventPayload } from "../types";
import type { EventLog, LoggedEvent } from "./log";

/** Events per answer; a client that gets this many asks again at once. */
export const POLL_LIMIT = 500;

function answer<Data>(events: LoggedEvent[], after: number, view: (event: LoggedEvent) => PolledEvent<Data>, finished: boolean): PollAnswer<Data> {
  return { events: events.map(view), cursor: events.at(-1)?.id ?? after, finished };
}

/** The answer for a client that already has every event of a finished order. */
export function finishedAnswer(after: number): PollAnswer<OrderEventPayload> {
  return { events: [], cursor: after, finished: true };
}

/** One order's events after `after`, as its customer stream sends them (all as `order.status`, wire.ts). */
export async function pollOrderEvents(log: EventLog, orderId: string, after: number): Promise<PollAnswer<OrderEventPayload>> {
  const events = (await log.readOrderEventsAfter(orderId, after)).slice(0, POLL_LIMIT);
  // The terminal event is an order's last, so the answer that holds it holds everything.
  const finished = events.at(-1)?.terminal ?? false;
  return answer(events, after, (event) => ({ id: event.id, event: "order.status", data: event.customer }), finished);
}

/** Every order's events after `after`, as the staff stream sends them. */
export async function pollStaffEvents(log: EventLog, after: number): Promise<PollAnswer<StaffEventPayload>> {
  const events = await log.readEventsAfter(after, POLL_LIMIT);
  return answer(events, after, (event) => ({ id: event.id, event: event.type, data: event.staff }), false);
}
