import { parseCursor } from "@/lib/events/cursor";
import { sseResponse } from "@/lib/events/response";
import { openCustomerStream } from "@/lib/events/stream";
import { errorResponse } from "@/lib/http/responses";
import { refuseStreamWhileShuttingDown } from "@/lib/server/shutdown";
import { resolveTrackingStream } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const closing = refuseStreamWhileShuttingDown();
  if (closing) return closing;
  const { token } = await context.params;
  const cursor = parseCursor(request);
  if (!cursor.ok) return errorResponse(400, "invalid_cursor", cursor.message);
  const target = await resolveTrackingStream(token, cursor.cursor);
  switch (target.kind) {
    case "not_found":
      return errorResponse(404, "not_found", "No order has this tracking link.");
    case "finished":
      // 204 tells EventSource to stop for good: the order is over and the client has it all.
      return new Response(null, { status: 204 });
    case "open":
      return sseResponse(
        openCustomerStream({ orderId: target.orderId, cursor: cursor.cursor ?? 0, signal: request.signal }),
      );
  }
}
