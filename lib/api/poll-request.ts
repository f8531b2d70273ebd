/**
 * Which requests to a stream's path are its JSON poll (`?after=N`), and their cursor; the poll's
 * answer is lib/orders/event-log/poll.ts's.
 */
import type { RequestLike } from "@/lib/http/request-like";
import { parseCursorValue, queryOf } from "@/lib/sse/cursor";

/** A request for the JSON poll rather than the stream: it names `after`. */
export function isPollRequest(request: RequestLike): boolean {
  return queryOf(request.url).has("after");
}

export type PollCursor = { ok: true; after: number } | { ok: false; message: string };

export function parsePollCursor(request: RequestLike): PollCursor {
  const query = queryOf(request.url);
  const values = query.getAll("after");
  if (values.length !== 1) return { ok: false, message: "after must be given exactly once." };
  // Two cursors with different meanings in one request: which one the client meant is a guess.
  const header = request.headers.get("last-event-id");
  if (query.has("lastEventId") || (header !== null && header !== "")) {
    return { ok: false, message: "after (the poll's cursor) cannot be combined with lastEventId (the stream's)." };
  }
  const parsed = parseCursorValue(values[0] ?? "", "after");
  if (!parsed.ok) return parsed;
  return { ok: true, after: parsed.cursor ?? 0 };
}
