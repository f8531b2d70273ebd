/**
 * The origin a client used to reach Tracker: `http://127.0.0.1:3000`, `http://192.168.1.20:3000`
 * (a kitchen tablet on the shop's Wi-Fi) or `https://orders.shop.example` behind a proxy. Links
 * Tracker hands out and its cross-site check both need it, and neither may assume `localhost`.
 *
 * The edge (lib/http/edge.ts) works it out once per request and stamps it under ORIGIN_HEADER.
 * Forwarded host and scheme are believed only from trusted proxies (TRACKER_TRUSTED_PROXIES), as
 * X-Forwarded-For is (lib/http/client-address.ts): a client could claim any of them.
 */
import { ORIGIN_HEADER } from "./edge-headers";
import type { RequestLike } from "./request-like";

export interface OriginSources {
  /** The Host header. */
  host: string | undefined;
  /** The connection itself is TLS. */
  encrypted: boolean;
  /** X-Forwarded-Host and X-Forwarded-Proto, as sent (the nearest proxy's value is the last). */
  forwardedHost: string | undefined;
  forwardedProto: string | undefined;
  trustedProxies: number;
}

/** The last entry of a comma-separated header: the value the nearest proxy set. */
function nearest(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries[entries.length - 1];
}

/**
 * `scheme://host[:port]`, or null when the host is not one a URL can hold (a junk or missing
 * Host header): such a request has no origin of its own, so nothing is same-origin with it.
 */
export function resolveOrigin({ host, encrypted, forwardedHost, forwardedProto, trustedProxies }: OriginSources): string | null {
  const proxied = trustedProxies > 0;
  const proto = proxied ? nearest(forwardedProto)?.toLowerCase() : undefined;
  const scheme = proto === "https" || proto === "http" ? proto : encrypted ? "https" : "http";
  const name = (proxied ? nearest(forwardedHost) : undefined) ?? host;
  if (!name) return null;
  const candidate = `${scheme}://${name}`;
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  // A Host with a path, credentials or anything else beyond host[:port] is not an origin.
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash || url.host === "") return null;
  return url.origin;
}

/**
 * The origin the edge stamped. Without one (a request that did not pass the edge, as in a unit
 * test), the request URL's own.
 */
export function requestOrigin(request: RequestLike): string {
  const stamped = request.headers.get(ORIGIN_HEADER);
  if (stamped) return stamped;
  return URL.canParse(request.url) ? new URL(request.url).origin : "http://localhost";
}

/** The client reached us over HTTPS, directly or through a trusted proxy that terminated TLS. */
export function isHttps(request: RequestLike): boolean {
  return requestOrigin(request).startsWith("https:");
}

/** TRACKER_PUBLIC_URL's origin, or null when unset or not a URL. */
export function configuredPublicOrigin(value = process.env.TRACKER_PUBLIC_URL): string | null {
  const trimmed = value?.trim();
  if (!trimmed || !URL.canParse(trimmed)) return null;
  return new URL(trimmed).origin;
}

/**
 * Where links we hand out start: TRACKER_PUBLIC_URL when set (a shop that wants one canonical
 * address, perhaps under a path its proxy maps to Tracker), else the origin this client used.
 */
export function publicBaseUrl(request: RequestLike): string {
  const configured = process.env.TRACKER_PUBLIC_URL?.trim();
  if (configured && URL.canParse(configured)) return configured.replace(/\/+$/, "");
  return requestOrigin(request);
}
