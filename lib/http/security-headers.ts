/**
 * The security headers of every answer (issue 5; decision record 007): pages get a strict
 * Content-Security-Policy with a per-request nonce, everything else (JSON, event streams, Next's
 * static files) a policy that allows nothing. The edge (lib/http/edge.ts) applies them to every
 * request, in one place.
 *
 * Pure, with no server-only import: unit-tested outside Next.
 */

/** What a page's headers depend on. */
export interface PageContext {
  /** The request's path, without the query. */
  pathname: string;
  /** Fresh for every request (`createNonce()`): Next stamps it on the scripts it renders. */
  nonce: string;
  /** The client reached us over HTTPS (lib/http/request-origin.ts). */
  https: boolean;
  /** `next dev`: React's development build needs eval, and Next's dev overlay injects styles. */
  dev: boolean;
}

/**
 * Answers that are not pages: no document should ever run, load, embed or frame anything from
 * them. Neither is indexed or sends a Referer, which the tracking API needs (its path holds the
 * order's secret) and no other API answer minds.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
  // Other sites cannot pull the JSON into their process with a no-cors request (Spectre).
  "Cross-Origin-Resource-Policy": "same-origin",
});

// A year. No includeSubDomains: hosts below Tracker's domain (the shop's own site, when Tracker
// runs at its apex) are not ours to force onto HTTPS.
const HSTS = "max-age=31536000";

/** 128 random bits, base64 (Next reads the nonce from the CSP request header with that alphabet). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** A tracking page's path holds the order's secret token. */
export function isTrackingPage(pathname: string): boolean {
  return pathname.startsWith("/track/");
}

/** The policy a page renders under; Next also reads its script nonce from this very string. */
export function pageContentSecurityPolicy({ nonce, https, dev }: Omit<PageContext, "pathname">): string {
  const directives = [
    "default-src 'self'",
    // Scripts run only with this request's nonce, and whatever those scripts load (Next's
    // chunks) is trusted through 'strict-dynamic'; no host allow-list, no 'unsafe-inline'.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets from our origin and <style> elements Next stamps with the nonce; no style
    // attributes in server-rendered HTML. The dev overlay injects unstamped <style> elements,
    // and a nonce would switch 'unsafe-inline' off.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self'",
    "font-src 'self'",
    // fetch() and the EventSource streams, all same-origin.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  // Over plain HTTP it would rewrite our own http:// URLs to an https:// nobody serves.
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export type PageHeaders = Record<string, string> & { "Content-Security-Policy": string };

export function pageSecurityHeaders(context: PageContext): PageHeaders {
  const tracking = isTrackingPage(context.pathname);
  const headers: PageHeaders = {
    "Content-Security-Policy": pageContentSecurityPolicy(context),
    "X-Content-Type-Options": "nosniff",
    // frame-ancestors for browsers that predate it.
    "X-Frame-Options": "DENY",
    "Referrer-Policy": tracking ? "no-referrer" : "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  };
  if (tracking) headers["X-Robots-Tag"] = "noindex, nofollow";
  if (context.https) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}
