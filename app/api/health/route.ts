import { checkHealth, processHealthSources } from "@/lib/ops/health";
import { opsHeaders } from "@/lib/ops/responses";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth(processHealthSources());
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: opsHeaders() });
}
