import { parseJsonBody } from "@/lib/http/body";
import { refuseCrossSite } from "@/lib/http/csrf";
import { publicOrigin } from "@/lib/http/origin";
import { createOrderSchema } from "@/lib/orders/input";
import { createOrder } from "@/lib/orders/service";

export async function POST(request: Request): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite) return crossSite;
  const body = await parseJsonBody(request, createOrderSchema);
  if (!body.ok) return body.response;
  const { order, trackingToken } = await createOrder(body.data);
  const trackingUrl = `${publicOrigin(request)}/track/${trackingToken}`;
  return Response.json({ order, trackingUrl }, { status: 201, headers: { Location: trackingUrl } });
}
