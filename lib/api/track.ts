/** `GET /api/track/{token}`: the order and its timeline, the cursor to follow it from, and its ETA inputs. */
import "server-only";
import { errorResponse } from "@/lib/http/responses";
import { getTrackingSnapshot } from "@/lib/orders/queries";
import type { RouteContext } from "./route-context";

export async function GET(_request: Request, context: RouteContext<{ token: string }>): Promise<Response> {
  const { token } = await context.params;
  const snapshot = await getTrackingSnapshot(token);
  if (!snapshot) return errorResponse(404, "not_found", "No order has this tracking link.");
  return Response.json({ order: snapshot.order, cursor: snapshot.cursor, eta: snapshot.eta }, { headers: { "Cache-Control": "no-store" } });
}
