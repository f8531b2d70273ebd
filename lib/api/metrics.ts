/** `GET /api/metrics`: this process's Prometheus metrics, behind TRACKER_METRICS_TOKEN when set (decision record 014). */
import "server-only";
import { errorResponse } from "@/lib/http/responses";
import { mayScrape, metricsToken } from "@/lib/ops/access";
import { processMetrics } from "@/lib/ops/metrics";
import { opsHeaders } from "@/lib/ops/responses";

export async function GET(request: Request): Promise<Response> {
  if (!mayScrape(request.headers.get("authorization"), metricsToken())) {
    return errorResponse(401, "unauthorized", "Metrics need the bearer token this server was given.", {}, opsHeaders({ "WWW-Authenticate": 'Bearer realm="metrics"' }));
  }
  const registry = processMetrics();
  return new Response(await registry.metrics(), { headers: opsHeaders({ "Content-Type": registry.contentType }) });
}
