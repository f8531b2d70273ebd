/**
 * Cross-site request forgery: a page on another site makes the browser send a request to Tracker,
 * with the staff cookie attached. SameSite=Lax already keeps the cookie off cross-site POSTs in
 * current browsers; this check does not rely on it (older browsers, sibling subdomains, and
 * endpoints that need no cookie, like placing an order).
 *
 * Browsers say where a request comes from: `Sec-Fetch-Site` (every current browser) and `Origin`
 * (on every cross-origin request and every POST). A request with neither did not come from a
 * browser page (curl, a till, a server), and forgery is a browser attack, so it passes.
 *
 * The edge (lib/http/edge.ts) applies it to every state-changing request, whatever its path.
 */

/** Methods that may change something; the check applies to these. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface CrossSiteSignals {
  /** The Sec-Fetch-Site header, or null. */
  site: string | null;
  /** The Origin header, or null. */
  origin: string | null;
}

/**
 * Why a request is refused as cross-site, or null when it may proceed. `own` holds the origins
 * that are this site: the one the client used, and TRACKER_PUBLIC_URL's.
 */
export function crossSiteReason({ site, origin }: CrossSiteSignals, own: ReadonlySet<string>): string | null {
  // "same-site" is a sibling subdomain, which may be someone else's (shop.example vs evil.example).
  if (site !== null && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  if (origin !== null && !own.has(origin)) return `Origin ${origin.slice(0, 100)} is not this site`;
  return null;
}

export function crossSiteMessage(reason: string): string {
  return `Cross-site requests cannot change anything here (${reason}). Reload the page from the address you use for Tracker and try again.`;
}
