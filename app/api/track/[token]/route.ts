import { errorResponse } from "@/lib/http/responses";
import { getTrackingSnapshot } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const snapshot = await getTrackingSnapshot(token);
  if (!snapshot) return errorResponse(404, "not_found", "No order has this tracking link.");
  return Response.json(
    { order: snapshot.order, cursor: snapshot.cursor, eta: snapshot.eta },
    { headers: { "Cache-Control": "no-store" } },
  );
}
