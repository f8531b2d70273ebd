import { answerStaffPoll, planStaffStream } from "@/lib/events/endpoints";
import { isPollRequest } from "@/lib/events/poll";
import { sseResponse } from "@/lib/events/response";
import { openStaffStream } from "@/lib/events/stream";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  if (isPollRequest(request)) return answerStaffPoll(request);
  const plan = await planStaffStream(request);
  if (!plan.ok) return plan.response;
  return sseResponse(openStaffStream({ ...plan.stream, signal: request.signal, onClose: plan.lease.release }));
}
