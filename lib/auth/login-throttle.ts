/**
 * Password guessing, slowed and then refused (rate-limiter-flexible, counting in the database
 * through its Prisma store, so every instance sees the same counts and a restart forgets none).
 *
 * Every attempt is counted before the password is checked, against the account (whoever tries
 * it) and against the client address (whatever accounts it tries), so a burst of parallel guesses
 * is counted as it arrives, not after. A successful sign-in gives its points back. Past
 * `freeFailures` each attempt waits longer, doubling, before it is checked; past the limit the
 * answer is 429 with Retry-After until the window ends.
 *
 * The account is keyed by the email as typed (normalised), whether or not such an account
 * exists: an unknown email is slowed and refused exactly as a known one, so the answers never say
 * which emails are staff. Keys are hashed, so the table holds no emails or addresses.
 */
import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { intFromEnv } from "@/lib/env";
import { processSlot } from "@/lib/runtime";

export interface LoginThrottleOptions {
  /** Failures per account within the window before it is refused. */
  perAccount: number;
  /** Failures per client address within the window before it is refused. */
  perAddress: number;
  /** The window, in seconds. */
  windowSeconds: number;
  /** Failures that cost no delay; each one after doubles it, from `firstDelayMs` to `maxDelayMs`. */
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export type LoginGate =
  | { allowed: false; retryAfterSeconds: number }
  | {
      allowed: true;
      /** How long to hold this attempt before checking the password. */
      delayMs: number;
      /** Call after a correct password: forgets the account's failures, refunds the address. */
      succeeded(): Promise<void>;
    };

export function loginThrottleOptionsFromEnv(): LoginThrottleOptions {
  return {
    perAccount: intFromEnv("TRACKER_LOGIN_MAX_FAILURES_PER_ACCOUNT", 10),
    perAddress: intFromEnv("TRACKER_LOGIN_MAX_FAILURES_PER_ADDRESS", 30),
    windowSeconds: intFromEnv("TRACKER_LOGIN_WINDOW_SECONDS", 15 * 60),
    freeFailures: 3,
    firstDelayMs: 250,
    maxDelayMs: 4000,
  };
}

function hashed(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 32);
}

/** The delay for the `attempt`-th attempt in a window (1-based). */
export function delayForAttempt(attempt: number, options: LoginThrottleOptions): number {
  const over = attempt - options.freeFailures - 1;
  if (over < 0) return 0;
  return Math.min(options.firstDelayMs * 2 ** Math.min(over, 20), options.maxDelayMs);
}

export function createLoginThrottle(options: LoginThrottleOptions) {
  // The store asks for the model on every call, so it always uses the process's current client.
  const storeClient = {
    get loginAttempt() {
      return db().loginAttempt;
    },
  };
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterPrisma({ storeClient, tableName: "loginAttempt", keyPrefix, points, duration: options.windowSeconds });
  const accounts = limiter("account", options.perAccount);
  const addresses = limiter("address", options.perAddress);

  async function consume(target: RateLimiterPrisma, key: string): Promise<RateLimiterRes> {
    try {
      return await target.consume(key);
    } catch (rejection) {
      // A refusal comes back as a rejected RateLimiterRes; anything else is a store failure.
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    }
  }

  return async function gate(email: string, address: string): Promise<LoginGate> {
    const accountKey = hashed(email);
    const addressKey = hashed(address);
    const [account, client] = await Promise.all([consume(accounts, accountKey), consume(addresses, addressKey)]);
    const refused = [
      { res: account, limit: options.perAccount },
      { res: client, limit: options.perAddress },
    ].filter(({ res, limit }) => res.consumedPoints > limit);
    if (refused.length > 0) {
      const waitMs = Math.max(...refused.map(({ res }) => res.msBeforeNext));
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    return {
      allowed: true,
      delayMs: delayForAttempt(Math.max(account.consumedPoints, client.consumedPoints), options),
      async succeeded() {
        await Promise.all([accounts.delete(accountKey), addresses.reward(addressKey)]);
      },
    };
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

// One per process, whichever module copy serves the sign-in (lib/runtime.ts).
const throttle = processSlot("loginThrottle", () => createLoginThrottle(loginThrottleOptionsFromEnv()));

/** The process's throttle, configured from the environment (README: Configuration). */
export function loginThrottle(): LoginThrottle {
  return throttle();
}
