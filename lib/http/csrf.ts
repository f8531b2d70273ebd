/**
 * Cross-site request forgery: a page on another site makes the browser send a request to Tracker,
 * with the staff cookie attached. SameSite=Lax already keeps the cookie off cross-site POSTs in
 * current browsers; this check does not rely on it (older browsers, sibling subdomains, and
 * endpoints that need no cookie, like placing an order).
 *
 * Browsers say where a request comes from: `Sec-Fetch-Site` (every current browser) and `Origin`
 * (on every cross-origin request and every POST). A request with neither did not come from a
 * browser page (curl, a till, a server), and forgery is a browser attack, so it passes.
 */
import type { RequestLike } from "@/lib/events/cursor";
import { isHttps } from "./https";
import { errorResponse } from "./responses";

/** The origins that may send state-changing requests: our own, and TRACKER_PUBLIC_URL's. */
function ownOrigins(request: RequestLike): Set<string> {
  const origins = new Set<string>();
  const url = new URL(request.url);
  origins.add(url.origin);
  // Behind a TLS-terminating proxy the request reaches us as http: the browser's Origin says https.
  if (isHttps(request)) origins.add(`https://${url.host}`);
  const configured = process.env.TRACKER_PUBLIC_URL?.trim();
  if (configured) {
    try {
      origins.add(new URL(configured).origin);
    } catch {
      // A malformed setting adds nothing; lib/http/origin.ts reports it where links are made.
    }
  }
  return origins;
}

/** Why a request is refused as cross-site, or null when it may proceed. */
export function crossSiteReason(request: RequestLike): string | null {
  const site = request.headers.get("sec-fetch-site");
  // "same-site" is a sibling subdomain, which may be someone else's (shop.example vs evil.example).
  if (site !== null && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  const origin = request.headers.get("origin");
  if (origin !== null && !ownOrigins(request).has(origin)) return `Origin ${origin.slice(0, 100)} is not this site`;
  return null;
}

/** The 403 for a cross-site state-changing request, or null when it may proceed. */
export function refuseCrossSite(request: RequestLike): Response | null {
  const reason = crossSiteReason(request);
  if (!reason) return null;
  return errorResponse(403, "cross_site", `Cross-site requests cannot change anything here (${reason}).`);
}
