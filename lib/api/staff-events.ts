/**
 * `GET /api/staff/events`: every order's SSE stream for signed-in staff, or with `?after=N` its
 * JSON poll. A hot path (server.ts); app/api/staff/events/route.ts re-exports it.
 */
import "server-only";
import { openStaffStream } from "@/lib/orders/event-log/streams";
import { sseResponse } from "@/lib/sse/response";
import { answerStaffPoll, planStaffStream } from "./event-streams";
import { isPollRequest } from "./poll-request";

export const path = "/api/staff/events";

export async function GET(request: Request): Promise<Response> {
  if (isPollRequest(request)) return answerStaffPoll(request);
  const plan = await planStaffStream(request);
  if (!plan.ok) return plan.response;
  // No `signal`: see lib/api/track-events.ts.
  return sseResponse(openStaffStream({ ...plan.stream, onClose: plan.lease.release }));
}
