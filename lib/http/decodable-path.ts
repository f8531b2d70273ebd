/**
 * Next answers a request whose path holds a percent sign that does not decode (`%ZZ`, a lone
 * `%`, `%C3%28`, which is not UTF-8) with a bare `500 Internal Server Error`, on every route: its
 * route matcher throws a DecodeError, and the 400 page it then tries to render does not exist in
 * an App Router app. Hostile input must never get a 5xx, and a tracking link made of junk must be
 * answered exactly as an unknown token is.
 *
 * So, before a request reaches a handler (the edge, lib/http/edge.ts), each undecodable escape's `%` becomes
 * `%25`: the path then means its literal text, and `/track/%ZZ` is the link whose token is the
 * three characters `%ZZ`, unknown like any other.
 *
 * No `server-only` import: pure, and unit-tested outside Next.
 */

/** Whether `text` percent-decodes (Next's router throws on it otherwise). */
export function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `target` (a request target: path, then maybe `?query`) unchanged when its path decodes;
 * otherwise with the `%` of every escape run that does not decode written as `%25`. The query is
 * left alone: it is parsed leniently, and a bad escape there stays as it was.
 */
export function decodablePath(target: string): string {
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  if (decodes(path)) return target;
  // A run of escapes is decoded as a whole (one UTF-8 character can span several); text between
  // runs decodes to itself, so once every run decodes, the path does.
  const literal = path.replace(/(?:%[0-9A-Fa-f]{2})+|%/g, (run) => (decodes(run) ? run : run.replaceAll("%", "%25")));
  return literal + (end === -1 ? "" : target.slice(end));
}
