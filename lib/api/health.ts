/** `GET /api/health`: 200 when this instance can serve, else 503 with a reason (decision record 014). */
import "server-only";
import { checkHealth, processHealthSources } from "@/lib/ops/health";
import { opsHeaders } from "@/lib/ops/responses";

export async function GET(): Promise<Response> {
  const report = await checkHealth(processHealthSources());
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: opsHeaders() });
}
