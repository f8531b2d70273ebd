/**
 * Staff sessions this process has verified lately, so that a signed-in request does not pay for
 * the check again: unsealing the cookie (iron-session derives its key with PBKDF2) and reading
 * the session row cost ~1.5 ms of CPU, once per status change on the hot path (issue 15).
 *
 * The database row stays what makes a session revocable. Revocation is honoured:
 * - at once by this process, for what it does itself: a logout (`forgetCookie`), a password
 *   change (`forgetUser`);
 * - within `recheckMs` (STAFF_SESSION_RECHECK_MS, default 5 s) for what another process does:
 *   another instance's logout, `npm run staff:add` changing a password, a row deleted by hand;
 * - and never after the session's own expiry, whatever was cached.
 *
 * Only sessions that passed the full check are kept, so forged cookies cannot fill it; its size
 * is capped all the same (the least recently verified entry goes first).
 */
import type { StaffIdentity } from "./session";

export const DEFAULT_RECHECK_MS = 5_000;
export const DEFAULT_MAX_ENTRIES = 10_000;

interface Entry {
  staff: StaffIdentity;
  /** When this entry stops vouching for the session: verification + recheckMs, or the expiry. */
  until: number;
}

export interface SessionCacheOptions {
  recheckMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class SessionCache {
  readonly recheckMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: SessionCacheOptions = {}) {
    this.recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    // Read through Date.now each time, so a test's fake clock applies.
    this.now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** The staff member `cookie` was verified for, if that was recently enough to vouch for it. */
  get(cookie: string): StaffIdentity | undefined {
    const entry = this.entries.get(cookie);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.staff;
    this.entries.delete(cookie);
    return undefined;
  }

  /** Records that `cookie` opens `staff`'s session, which expires at `expiresAt` (ms since the epoch). */
  remember(cookie: string, staff: StaffIdentity, expiresAt: number): void {
    if (this.recheckMs <= 0) return;
    this.entries.delete(cookie);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(cookie, { staff, until: Math.min(this.now() + this.recheckMs, expiresAt) });
  }

  forgetCookie(cookie: string): void {
    this.entries.delete(cookie);
  }

  forgetUser(userId: string): void {
    for (const [cookie, entry] of this.entries) if (entry.staff.id === userId) this.entries.delete(cookie);
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
