/**
 * Who may scrape GET /api/metrics. With TRACKER_METRICS_TOKEN set, only a request that carries
 * `Authorization: Bearer <that token>`; unset, anyone. The numbers are counts of streams and
 * events, with no order, customer or staff data in them, so open is the usual Prometheus setup on
 * a private network; a deployment that exposes the port sets the token (or keeps the path off its
 * proxy).
 */
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

export function metricsToken(): string | null {
  return process.env.TRACKER_METRICS_TOKEN?.trim() || null;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Compares digests, not the strings: timingSafeEqual needs equal lengths, and comparing the
 * lengths first would tell an attacker the token's length.
 */
export function mayScrape(authorization: string | null, token: string | null): boolean {
  if (token === null) return true;
  // Whatever follows the scheme, byte for byte: Prometheus sends the configured credentials as they are.
  const match = /^Bearer (.+)$/i.exec(authorization ?? "");
  const offered = match?.[1] ?? "";
  return timingSafeEqual(digest(offered), digest(token));
}
