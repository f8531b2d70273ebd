import { answerTrackPoll, planTrackStream } from "@/lib/events/endpoints";
import { isPollRequest } from "@/lib/events/poll";
import { sseResponse } from "@/lib/events/response";
import { openCustomerStream } from "@/lib/events/stream";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  if (isPollRequest(request)) return answerTrackPoll(request, token);
  const plan = await planTrackStream(request, token);
  if (!plan.ok) return plan.response;
  return sseResponse(openCustomerStream({ ...plan.stream, signal: request.signal, onClose: plan.lease.release }));
}
