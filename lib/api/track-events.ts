/**
 * `GET /api/track/{token}/events`: one order's SSE stream for the holder of its tracking link,
 * or with `?after=N` its JSON poll (docs/architecture.md, "Public HTTP contract"). A hot path:
 * server.ts serves it without Next's request pipeline; app/api/track/[token]/events/route.ts
 * re-exports the same function.
 */
import "server-only";
import { openCustomerStream } from "@/lib/orders/event-log/streams";
import { sseResponse } from "@/lib/sse/response";
import { answerTrackPoll, planTrackStream } from "./event-streams";
import { isPollRequest } from "./poll-request";
import type { RouteContext } from "./route-context";

export const path = "/api/track/[token]/events";

export async function GET(request: Request, context: RouteContext<{ token: string }>): Promise<Response> {
  const { token } = await context.params;
  if (isPollRequest(request)) return answerTrackPoll(request, token);
  const plan = await planTrackStream(request, token);
  if (!plan.ok) return plan.response;
  // No `signal`: the adapter (and Next) cancel the body when the client goes, which ends the stream
  // just as an abort would, and an AbortController per open stream is memory for nothing.
  return sseResponse(openCustomerStream({ ...plan.stream, onClose: plan.lease.release }));
}
