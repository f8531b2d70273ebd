/** The HTTP envelope of every SSE stream (headers fixed by docs/architecture.md). */
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";

export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: a compressing proxy would buffer the stream and hold events back.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx buffers proxied responses unless told not to.
  "X-Accel-Buffering": "no",
});

/**
 * The stream's headers, with the security headers of every answer that is not a page: the
 * ingress serves streams below Next (decision record 006), where next.config.ts adds none.
 * They are the same for both streams, which is what the tracking stream (its path holds the
 * order's secret) needs.
 *
 * Behind a load balancer, which instance holds a stream is the first thing to know when one
 * misbehaves; `npm run start:cluster` names each instance with TRACKER_INSTANCE_ID.
 */
export function streamHeaders(): Record<string, string> {
  return { ...SSE_HEADERS, ...API_SECURITY_HEADERS, ...instanceHeader() };
}

/** `X-Tracker-Instance` when this process has a name, else nothing. */
export function instanceHeader(): Record<string, string> {
  const instance = process.env.TRACKER_INSTANCE_ID?.trim();
  return instance ? { "X-Tracker-Instance": instance } : {};
}

export function sseResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { status: 200, headers: streamHeaders() });
}
