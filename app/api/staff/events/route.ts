import { planStaffStream } from "@/lib/events/endpoints";
import { sseResponse } from "@/lib/events/response";
import { openStaffStream } from "@/lib/events/stream";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const plan = await planStaffStream(request);
  if (!plan.ok) return plan.response;
  return sseResponse(openStaffStream({ ...plan.stream, signal: request.signal, onClose: plan.lease.release }));
}
