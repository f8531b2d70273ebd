/**
 * The URLs of one event stream: the stream itself (`?lastEventId=N`, the cursor of its first
 * connection), its JSON poll (`?after=N`), and the key that names "the same stream" for the tabs
 * of one browser (lib/hooks/stream-leader.ts).
 */

const ABSOLUTE_URL = /^[a-z][a-z\d+\-.]*:/i;
// Only used to parse relative URLs; never appears in a result.
const PARSE_BASE = "http://relative.invalid";

function rewrite(url: string, edit: (params: URLSearchParams) => void): string {
  const parsed = new URL(url, PARSE_BASE);
  edit(parsed.searchParams);
  return ABSOLUTE_URL.test(url) ? parsed.toString() : `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** `url` with its `lastEventId` query parameter set to `cursor` (replacing any there), or unchanged for null. */
export function withCursor(url: string, cursor: number | null): string {
  if (cursor === null) return url;
  return rewrite(url, (params) => params.set("lastEventId", String(cursor)));
}

/** The JSON poll of the stream at `url`: the same path and query, the cursor as `after` (the server refuses both). */
export function pollUrl(url: string, after: number): string {
  return rewrite(url, (params) => {
    params.delete("lastEventId");
    params.set("after", String(after));
  });
}

/**
 * What tabs wanting the same stream have in common: the path and the query without the cursor
 * (each tab joins at its own). Parameters are sorted, so their order does not split a stream.
 */
export function streamKey(url: string): string {
  const parsed = new URL(url, PARSE_BASE);
  parsed.searchParams.delete("lastEventId");
  parsed.searchParams.sort();
  return `tracker-stream ${parsed.pathname}?${parsed.searchParams.toString()}`;
}

/** The cursor a URL's `lastEventId` parameter carries, or null when it has none. */
export function cursorFromUrl(url: string): number | null {
  return parseEventId(new URL(url, PARSE_BASE).searchParams.get("lastEventId"));
}

/** A non-negative integer SSE id, or null for anything else (the empty id, garbage). */
export function parseEventId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}
