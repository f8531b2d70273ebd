/** `GET /api/staff/orders`: the open orders (filterable) for signed-in staff. */
import "server-only";
import { authorize } from "@/lib/auth/request";
import { parseQuery } from "@/lib/http/body";
import { staffOrdersQuerySchema } from "@/lib/orders/input";
import { listStaffOrders } from "@/lib/orders/queries";

export async function GET(request: Request): Promise<Response> {
  const auth = await authorize(request, "events:read");
  if (!auth.ok) return auth.response;
  const query = parseQuery(new URL(request.url), staffOrdersQuerySchema);
  if (!query.ok) return query.response;
  const { orders, cursor } = await listStaffOrders(query.data);
  return Response.json({ orders, cursor }, { headers: { "Cache-Control": "no-store" } });
}
