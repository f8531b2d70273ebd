/**
 * The tracking link's bearer token, and the only form of it the database ever holds.
 *
 * No `server-only` import: the migration tests and test fixtures run this outside Next.
 */
import { createHash, randomBytes } from "node:crypto";

/** 192 random bits, URL-safe (32 characters): the order's only secret. */
export function newTrackingToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * What `Order.trackingTokenHash` stores and lookups search for: lowercase hex SHA-256 of the
 * token's UTF-8 bytes (migration 20261124000000_tracking_token_hash computes the same in SQL).
 *
 * A fast unkeyed hash is the right tool here, and a slow password hash (scrypt, argon2) would be
 * the wrong one. Slow hashes exist to make guessing a low-entropy secret expensive; a token is
 * 192 random bits, so recovering one from its hash means searching 2^192 candidates: ~10^38
 * years at 10^12 guesses a second, slow hash or not. A password hash is also salted, so a token could no longer be
 * found through a unique index: every lookup would scan and verify, and every request, each
 * attacker's guess included, would cost the server tens of milliseconds of CPU. A key (HMAC)
 * would add a secret to deploy and to the migration, and buys nothing against 192 bits.
 */
export function trackingTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
