/** The HTTP envelope of every SSE stream (headers fixed by ARCHITECTURE.md). */

export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: a compressing proxy would buffer the stream and hold events back.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx buffers proxied responses unless told not to.
  "X-Accel-Buffering": "no",
});

/**
 * Behind a load balancer, which instance holds a stream is the first thing to know when one
 * misbehaves; `npm run start:cluster` names each instance with TRACKER_INSTANCE_ID.
 */
export function streamHeaders(): Record<string, string> {
  const instance = process.env.TRACKER_INSTANCE_ID?.trim();
  return instance ? { ...SSE_HEADERS, "X-Tracker-Instance": instance } : { ...SSE_HEADERS };
}

export function sseResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { status: 200, headers: streamHeaders() });
}
