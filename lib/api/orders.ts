/** `POST /api/orders`: anyone places an order (the page, a till, a web shop). The cross-site check is the edge's. */
import "server-only";
import { parseJsonBody } from "@/lib/http/body";
import { publicBaseUrl } from "@/lib/http/request-origin";
import { createOrderSchema } from "@/lib/orders/input";
import { createOrder } from "@/lib/orders/service";

export async function POST(request: Request): Promise<Response> {
  const body = await parseJsonBody(request, createOrderSchema);
  if (!body.ok) return body.response;
  const { order, trackingToken } = await createOrder(body.data);
  // The address the customer used (or TRACKER_PUBLIC_URL), so the link works where they are.
  const trackingUrl = `${publicBaseUrl(request)}/track/${trackingToken}`;
  return Response.json({ order, trackingUrl }, { status: 201, headers: { Location: trackingUrl } });
}
