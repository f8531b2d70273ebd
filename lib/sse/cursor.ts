/**
 * The resume cursor of an SSE request: the last event id the client has seen. Browsers send it
 * as the `Last-Event-ID` header on reconnect; the first connection cannot set headers, so pages
 * pass the server-rendered cursor as `?lastEventId=N` (docs/architecture.md, invariant 3).
 */

import type { RequestLike } from "@/lib/http/request-like";

export type CursorResult = { ok: true; cursor: number | null } | { ok: false; message: string };

// Digits only: no sign, exponent, fraction, hex or padding, so "1e3", "+5" and " 7" are all
// errors rather than whatever Number() would make of them. The length cap rejects absurd input
// before any conversion; the safe-integer check then rejects what fits 20 digits but not a double.
const DECIMAL = /^[0-9]{1,20}$/;

/** One cursor value read from `source` (a header or query parameter, named in the message). */
export function parseCursorValue(raw: string, source: string): CursorResult {
  if (!DECIMAL.test(raw)) {
    return { ok: false, message: `${source} must be a non-negative decimal integer (got "${raw.slice(0, 40)}").` };
  }
  const cursor = Number(raw);
  if (!Number.isSafeInteger(cursor)) {
    return { ok: false, message: `${source} is too large to be an event id.` };
  }
  return { ok: true, cursor };
}

/**
 * The query of `url`, read without parsing the rest: a request's URL is built from the client's
 * Host header, and a junk one ("a b", "x:99999") must not turn a cursor into an exception.
 */
export function queryOf(url: string): URLSearchParams {
  const start = url.indexOf("?");
  if (start === -1) return new URLSearchParams();
  const end = url.indexOf("#", start);
  return new URLSearchParams(url.slice(start + 1, end === -1 ? undefined : end));
}

export function parseCursor(request: RequestLike): CursorResult {
  // Fetch's Headers trims surrounding whitespace, so an empty value is what a blank header
  // becomes; EventSource never sends one, and treating it as absent lets the query speak.
  const header = request.headers.get("last-event-id");
  if (header !== null && header !== "") return parseCursorValue(header, "Last-Event-ID");
  const query = queryOf(request.url).getAll("lastEventId");
  // Two cursors are one too many: neither the first nor the last is obviously the one meant.
  if (query.length > 1) return { ok: false, message: "lastEventId must be given at most once." };
  if (query[0] !== undefined) return parseCursorValue(query[0], "lastEventId");
  return { ok: true, cursor: null };
}
