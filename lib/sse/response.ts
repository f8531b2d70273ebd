/** The HTTP envelope of every SSE stream (headers fixed by docs/architecture.md). */

export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: a compressing proxy would buffer the stream and hold events back.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx buffers proxied responses unless told not to.
  "X-Accel-Buffering": "no",
});

/**
 * The stream's headers; the security headers of every answer that is not a page come from the
 * edge (lib/http/edge.ts), as for every other API answer.
 *
 * Behind a load balancer, which instance holds a stream is the first thing to know when one
 * misbehaves; `npm run start:cluster` names each instance with TRACKER_INSTANCE_ID.
 */
export function streamHeaders(): Record<string, string> {
  return { ...SSE_HEADERS, ...instanceHeader() };
}

/** `X-Tracker-Instance` when this process has a name, else nothing. */
export function instanceHeader(): Record<string, string> {
  const instance = process.env.TRACKER_INSTANCE_ID?.trim();
  return instance ? { "X-Tracker-Instance": instance } : {};
}

export function sseResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { status: 200, headers: streamHeaders() });
}
