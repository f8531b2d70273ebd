/**
 * POST /api/staff/orders/{id}/transitions, from request to answer. Shared by the route handler
 * and by the ingress that serves the same path below Next in production (lib/server/ingress.ts):
 * the rules live here once.
 */
import "server-only";
import { requireStaff } from "@/lib/auth/request";
import { parseJsonBody } from "@/lib/http/body";
import { refuseCrossSite } from "@/lib/http/csrf";
import { errorResponse } from "@/lib/http/responses";
import { transitionSchema } from "./input";
import { transitionOrder } from "./service";
import { STATUS_LABELS } from "./status";

export async function answerTransition(request: Request, orderId: string): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  const auth = await requireStaff(request);
  if (!auth.ok) return auth.response;
  const body = await parseJsonBody(request, transitionSchema);
  if (!body.ok) return body.response;
  const result = await transitionOrder({ orderId, ...body.data, actor: auth.staff });
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
