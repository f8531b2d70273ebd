/**
 * The two SSE endpoints' rules up to the point where the stream opens (shutdown 503, staff auth,
 * cursor, unknown token 404, finished order 204, stream caps 429), and their JSON poll
 * (`?after=N`, lib/orders/event-log/poll.ts), for the endpoint functions (track-events.ts,
 * staff-events.ts).
 */
import "server-only";
import { authorize } from "@/lib/auth/request";
import type { RequestLike } from "@/lib/http/request-like";
import { clientAddress } from "@/lib/http/client-address";
import { errorResponse } from "@/lib/http/responses";
import { isShuttingDown } from "@/lib/ops/shutting-down";
import { defaultEventLog } from "@/lib/orders/event-log/log";
import { finishedAnswer, pollOrderEvents, pollStaffEvents } from "@/lib/orders/event-log/poll";
import { resolveTrackingStream } from "@/lib/orders/queries";
import type { PollAnswer } from "@/lib/orders/types";
import { processStreamCounters } from "@/lib/sse/counters";
import { parseCursor } from "@/lib/sse/cursor";
import { streamLimiter, type LeaseResult, type StreamLease } from "@/lib/sse/stream-limits";
import { parsePollCursor } from "./poll-request";

/** Either the answer to send instead of a stream, or what the stream needs. */
export type StreamPlan<T> = { ok: false; response: Response } | { ok: true; stream: T; lease: StreamLease };

// Long enough that a client does not hammer the cap; EventSource itself does not retry a 429,
// the page's hook does (lib/hooks/stream-transport.ts).
const CAPPED_RETRY_SECONDS = 10;

function capped<T>(granted: LeaseResult, stream: T): StreamPlan<T> {
  if (granted.ok) return { ok: true, stream, lease: granted.lease };
  const message =
    granted.limit === "token"
      ? "This tracking link has too many open streams; close other tabs showing it."
      : "Too many open event streams from your address; close some tabs.";
  return {
    ok: false,
    response: errorResponse(429, "too_many_requests", message, {}, { "Retry-After": String(CAPPED_RETRY_SECONDS) }),
  };
}

/** The answer to a new stream while this instance shuts down; null when streams are welcome. */
export function refuseStreamWhileShuttingDown(): Response | null {
  if (!isShuttingDown()) return null;
  processStreamCounters().refused.shutting_down += 1;
  return errorResponse(503, "shutting_down", "This server is restarting; reconnect in a moment.", {}, { "Retry-After": "1" });
}

// The stream's, the poll's and the JSON endpoint's answer to a token that opens nothing must be
// one answer (tracking-secrecy.spec.ts), whatever the token is.
function unknownTrackingToken(): Response {
  return errorResponse(404, "not_found", "No order has this tracking link.");
}

export async function planTrackStream(request: RequestLike, token: string): Promise<StreamPlan<{ orderId: string; cursor: number }>> {
  const closing = refuseStreamWhileShuttingDown();
  if (closing) return { ok: false, response: closing };
  const cursor = parseCursor(request);
  if (!cursor.ok) return { ok: false, response: errorResponse(400, "invalid_cursor", cursor.message) };
  const target = await resolveTrackingStream(token, cursor.cursor);
  switch (target.kind) {
    case "not_found":
      return { ok: false, response: unknownTrackingToken() };
    case "finished":
      // 204 tells EventSource to stop for good: the order is over and the client has it all.
      return { ok: false, response: new Response(null, { status: 204 }) };
    case "open":
      return capped(streamLimiter().acquire(clientAddress(request), target.orderId), {
        orderId: target.orderId,
        cursor: cursor.cursor ?? 0,
      });
  }
}

export async function planStaffStream(request: RequestLike): Promise<StreamPlan<{ cursor: number | null }>> {
  const closing = refuseStreamWhileShuttingDown();
  if (closing) return { ok: false, response: closing };
  const auth = await authorize(request, "events:read");
  if (!auth.ok) return { ok: false, response: auth.response };
  const cursor = parseCursor(request);
  if (!cursor.ok) return { ok: false, response: errorResponse(400, "invalid_cursor", cursor.message) };
  return capped(streamLimiter().acquire(clientAddress(request)), { cursor: cursor.cursor });
}

/** A poll answer is for this client, now: no cache may keep it (it would hide newer events). */
function pollResponse(answer: PollAnswer): Response {
  return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
}

/** `GET /api/track/{token}/events?after=N`: the customer stream's events after N, as JSON. */
export async function answerTrackPoll(request: RequestLike, token: string): Promise<Response> {
  const cursor = parsePollCursor(request);
  if (!cursor.ok) return errorResponse(400, "invalid_cursor", cursor.message);
  const target = await resolveTrackingStream(token, cursor.after);
  switch (target.kind) {
    case "not_found":
      return unknownTrackingToken();
    case "finished":
      return pollResponse(finishedAnswer(cursor.after));
    case "open":
      return pollResponse(await pollOrderEvents(defaultEventLog(), target.orderId, cursor.after));
  }
}

/** `GET /api/staff/events?after=N`: every event after N, as JSON. */
export async function answerStaffPoll(request: RequestLike): Promise<Response> {
  const auth = await authorize(request, "events:read");
  if (!auth.ok) return auth.response;
  const cursor = parsePollCursor(request);
  if (!cursor.ok) return errorResponse(400, "invalid_cursor", cursor.message);
  return pollResponse(await pollStaffEvents(defaultEventLog(), cursor.after));
}
