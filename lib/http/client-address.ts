/**
 * Who is asking, for the per-address limits (login throttling, stream caps). The socket's peer is
 * the client unless Tracker sits behind proxies: then TRACKER_TRUSTED_PROXIES says how many, and
 * the address is the X-Forwarded-For entry the outermost trusted proxy saw. Entries left of it were
 * written by the client and prove nothing.
 *
 * Next hands route handlers no socket, and it copies the peer into X-Forwarded-For only when the
 * client sent none, so a client could name any address it liked. The server hook
 * (lib/server/ingress.ts) therefore stamps every request with the socket's peer under
 * CLIENT_ADDRESS_HEADER, replacing whatever the client sent under that name.
 */
import { intFromEnv } from "@/lib/env";
import type { RequestLike } from "@/lib/events/cursor";

export const CLIENT_ADDRESS_HEADER = "x-tracker-peer";

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

/** The client's address of a request the server hook has stamped. */
export function clientAddress(request: RequestLike): string {
  return resolveClientAddress(
    request.headers.get(CLIENT_ADDRESS_HEADER) ?? undefined,
    request.headers.get("x-forwarded-for"),
    trustedProxies(),
  );
}
