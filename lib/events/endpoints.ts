/**
 * The two SSE endpoints' rules up to the point where the stream opens (shutdown 503, staff auth,
 * cursor, unknown token 404, finished order 204, stream caps 429), shared by the route handlers
 * and by the ingress that serves the same paths below Next (lib/server/ingress.ts).
 */
import "server-only";
import { requireStaff } from "@/lib/auth/request";
import { parseCursor, type RequestLike } from "@/lib/events/cursor";
import { clientAddress } from "@/lib/http/client-address";
import { errorResponse } from "@/lib/http/responses";
import { resolveTrackingStream } from "@/lib/orders/queries";
import { refuseStreamWhileShuttingDown } from "@/lib/server/shutdown";
import { streamLimiter, type LeaseResult, type StreamLease } from "./stream-limits";

/** Either the answer to send instead of a stream, or what the stream needs. */
export type StreamPlan<T> = { ok: false; response: Response } | { ok: true; stream: T; lease: StreamLease };

// Long enough that a client does not hammer the cap; EventSource itself does not retry a 429,
// the page's hook does (lib/hooks/use-event-source.ts).
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

export async function planTrackStream(request: RequestLike, token: string): Promise<StreamPlan<{ orderId: string; cursor: number }>> {
  const closing = refuseStreamWhileShuttingDown();
  if (closing) return { ok: false, response: closing };
  const cursor = parseCursor(request);
  if (!cursor.ok) return { ok: false, response: errorResponse(400, "invalid_cursor", cursor.message) };
  const target = await resolveTrackingStream(token, cursor.cursor);
  switch (target.kind) {
    case "not_found":
      return { ok: false, response: errorResponse(404, "not_found", "No order has this tracking link.") };
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
  const auth = await requireStaff(request);
  if (!auth.ok) return { ok: false, response: auth.response };
  const cursor = parseCursor(request);
  if (!cursor.ok) return { ok: false, response: errorResponse(400, "invalid_cursor", cursor.message) };
  return capped(streamLimiter().acquire(clientAddress(request)), { cursor: cursor.cursor });
}
