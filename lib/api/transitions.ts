/**
 * `POST /api/staff/orders/{id}/transitions`: staff advance or cancel an order, naming the version
 * they decided on (docs/architecture.md, invariant 5). A hot path (server.ts: CPU per change);
 * app/api/staff/orders/[id]/transitions/route.ts re-exports it. The cross-site check is the
 * edge's (lib/http/edge.ts).
 */
import "server-only";
import { authorize } from "@/lib/auth/request";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/responses";
import { transitionSchema } from "@/lib/orders/input";
import { transitionOrder } from "@/lib/orders/service";
import { STATUS_LABELS } from "@/lib/orders/status";
import type { RouteContext } from "./route-context";

export const path = "/api/staff/orders/[id]/transitions";

export async function POST(request: Request, context: RouteContext<{ id: string }>): Promise<Response> {
  const { id: orderId } = await context.params;
  const auth = await authorize(request, "orders:write");
  if (!auth.ok) return auth.response;
  const body = await parseJsonBody(request, transitionSchema);
  if (!body.ok) return body.response;
  const result = await transitionOrder({ orderId, ...body.data, actor: auth.principal.actor });
  if (result.ok) return Response.json({ order: result.order });
  switch (result.reason) {
    case "not_found":
      return errorResponse(404, "not_found", "No order has this id.");
    case "stale_version":
      return errorResponse(
        409,
        "stale_version",
        `Order ${result.order.code} was changed by someone else (now version ${result.order.version}, ${STATUS_LABELS[result.order.status]}).`,
        { order: result.order },
      );
    case "illegal_transition":
      return errorResponse(
        409,
        "illegal_transition",
        `Order ${result.order.code} cannot go from ${STATUS_LABELS[result.order.status]} to ${STATUS_LABELS[body.data.to]}.`,
        { order: result.order },
      );
  }
}
