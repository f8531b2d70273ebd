/**
 * Who is asking, for the per-address limits (login throttling, stream caps). The socket's peer is
 * the client unless Tracker sits behind proxies: then TRACKER_TRUSTED_PROXIES says how many, and
 * the address is the X-Forwarded-For entry the outermost trusted proxy saw. Entries left of it were
 * written by the client and prove nothing.
 *
 * A route handler has no socket, so the edge (lib/http/edge.ts) resolves the address once and
 * stamps it on the request under CLIENT_ADDRESS_HEADER, after dropping any client-sent copy.
 */
import { intFromEnv } from "@/lib/env";
import type { RequestLike } from "./request-like";
import { CLIENT_ADDRESS_HEADER } from "./edge-headers";

/** How many proxies in front of Tracker append to X-Forwarded-For (0: clients connect directly). */
export function trustedProxies(): number {
  return Math.min(intFromEnv("TRACKER_TRUSTED_PROXIES", 0, 0), 10);
}

/** IPv4-mapped IPv6 ("::ffff:10.0.0.1") and plain IPv4 are the same client. */
function normalize(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/** The client's address given the socket's peer and the X-Forwarded-For header (pure, for tests). */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | null, proxies: number): string {
  if (proxies > 0 && forwardedFor) {
    const hops = forwardedFor.split(",").map((entry) => entry.trim()).filter(Boolean);
    // The peer is the nearest proxy; each trusted proxy appended the address it saw.
    const entry = hops[hops.length - proxies];
    if (entry) return normalize(entry);
    // Fewer entries than proxies: the leftmost is the best we have.
    if (hops[0]) return normalize(hops[0]);
  }
  return peer ? normalize(peer) : "unknown";
}

/**
 * The client's address as the edge stamped it. A request that did not pass the edge (a unit
 * test calling an endpoint directly) is "unknown": all such requests share one allowance.
 */
export function clientAddress(request: RequestLike): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
