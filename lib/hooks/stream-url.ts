/**
 * The URLs of one event stream, built from its path and a cursor: the stream itself
 * (`?lastEventId=N`, the cursor of a new connection), its JSON poll (`?after=N`), and the key that
 * names "the same stream" for the tabs of one browser (lib/hooks/stream-leader.ts).
 *
 * A stream path is an absolute path without query or fragment: the streams take no parameter but
 * the cursor, so the cursor is always the whole query.
 */

/** The staff board's stream. */
export const STAFF_EVENTS_PATH = "/api/staff/events";

/**
 * The customer stream of one tracking link. Tokens are base64url, so encoding changes nothing
 * today; it keeps whatever a link carries inside its path segment.
 */
export function trackingEventsPath(token: string): string {
  return `/api/track/${encodeURIComponent(token)}/events`;
}

/** What a new EventSource opens: the path, resuming after `cursor` when there is one. */
export function streamUrl(path: string, cursor: number | null): string {
  return cursor === null ? path : `${path}?lastEventId=${cursor}`;
}

/** The JSON poll of the stream at `path`: its events after `after`. */
export function pollUrl(path: string, after: number): string {
  return `${path}?after=${after}`;
}

/** What tabs wanting the same stream have in common: the path (each tab joins at its own cursor). */
export function streamKey(path: string): string {
  return `tracker-stream ${path}`;
}

/** A non-negative integer SSE id, or null for anything else (the empty id, garbage). */
export function parseEventId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}
