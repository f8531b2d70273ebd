/**
 * Staff sessions (and API keys, lib/auth/api-keys.ts) this process has verified lately, so that a
 * signed-in request does not pay for the check again: unsealing the cookie (iron-session derives
 * its key with PBKDF2) and reading the session row cost ~1.5 ms of CPU, once per status change on
 * the hot path (issue 15).
 *
 * The database row stays what makes a session or key revocable. Revocation is honoured:
 * - at once by this process, for what it does itself: a logout (`forgetCookie`), a password
 *   change or a revoked key (`forgetIdentity`);
 * - within `recheckMs` (STAFF_SESSION_RECHECK_MS, default 5 s) for what another process does:
 *   another instance's logout or revocation, `npm run staff:add` changing a password,
 *   `npm run apikey -- revoke`, a row deleted by hand;
 * - and never after the session's own expiry, whatever was cached.
 *
 * Only sessions that passed the full check are kept, so forged cookies cannot fill it; its size
 * is capped all the same (the least recently verified entry goes first).
 */
import type { StaffIdentity } from "./session";

/** What a verified credential stands for: a staff member, or an API key (lib/auth/api-keys.ts). */
interface Identity {
  id: string;
}

export const DEFAULT_RECHECK_MS = 5_000;
export const DEFAULT_MAX_ENTRIES = 10_000;

interface Entry<T> {
  identity: T;
  /** When this entry stops vouching for the session: verification + recheckMs, or the expiry. */
  until: number;
}

export interface SessionCacheOptions {
  recheckMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class SessionCache<T extends Identity = StaffIdentity> {
  readonly recheckMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry<T>>();

  constructor(options: SessionCacheOptions = {}) {
    this.recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    // Read through Date.now each time, so a test's fake clock applies.
    this.now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** What `cookie` was verified for, if that was recently enough to vouch for it. */
  get(cookie: string): T | undefined {
    const entry = this.entries.get(cookie);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.identity;
    this.entries.delete(cookie);
    return undefined;
  }

  /** Records that `cookie` opens `identity`, until `expiresAt` at the latest (ms since the epoch). */
  remember(cookie: string, identity: T, expiresAt: number): void {
    if (this.recheckMs <= 0) return;
    this.entries.delete(cookie);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(cookie, { identity, until: Math.min(this.now() + this.recheckMs, expiresAt) });
  }

  forgetCookie(cookie: string): void {
    this.entries.delete(cookie);
  }

  /** Forgets every credential verified for this staff member or key (a password change, a revoked key). */
  forgetIdentity(id: string): void {
    for (const [cookie, entry] of this.entries) if (entry.identity.id === id) this.entries.delete(cookie);
  }
}

/** STAFF_SESSION_RECHECK_MS: how long a verified session is trusted without the database; 0 checks every request. */
export function recheckMsFromEnv(raw = process.env.STAFF_SESSION_RECHECK_MS): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_RECHECK_MS;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0 || value > 60_000) {
    throw new Error(`STAFF_SESSION_RECHECK_MS must be a whole number of milliseconds from 0 to 60000 (got "${raw}").`);
  }
  return value;
}
