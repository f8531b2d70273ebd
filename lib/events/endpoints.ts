/**
 * The two SSE endpoints' rules up to the point where the stream opens (shutdown 503, staff auth,
 * cursor, unknown token 404, finished order 204), shared by the route handlers and by the
 * ingress that serves the same paths below Next (lib/server/ingress.ts).
 */
import "server-only";
import { requireStaff } from "@/lib/auth/request";
import { parseCursor, type RequestLike } from "@/lib/events/cursor";
import { errorResponse } from "@/lib/http/responses";
import { resolveTrackingStream } from "@/lib/orders/queries";
import { refuseStreamWhileShuttingDown } from "@/lib/server/shutdown";

/** Either the answer to send instead of a stream, or what the stream needs. */
export type StreamPlan<T> = { ok: false; response: Response } | { ok: true; stream: T };

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
      return { ok: true, stream: { orderId: target.orderId, cursor: cursor.cursor ?? 0 } };
  }
}

export async function planStaffStream(request: RequestLike): Promise<StreamPlan<{ cursor: number | null }>> {
  const closing = refuseStreamWhileShuttingDown();
  if (closing) return { ok: false, response: closing };
  const auth = await requireStaff(request);
  if (!auth.ok) return { ok: false, response: auth.response };
  const cursor = parseCursor(request);
  if (!cursor.ok) return { ok: false, response: errorResponse(400, "invalid_cursor", cursor.message) };
  return { ok: true, stream: { cursor: cursor.cursor } };
}
