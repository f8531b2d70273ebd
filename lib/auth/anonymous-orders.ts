/**
 * Orders placed without a key or a staff session, when they are allowed at all
 * (lib/auth/deployment.ts), are limited per client address and in total, so a flood is refused
 * (429) before it reaches the database, and the kitchen's board stays usable: a flood from one
 * address stops at its own limit, one from many addresses at the total (decision 023).
 *
 * Counted in this process's memory (rate-limiter-flexible's RateLimiterMemory), not in the
 * database as sign-ins are: under a flood a shared store would cost a write per refused request,
 * which is the load the limit is there to keep off. Behind several instances each counts its
 * own, so the limits apply per instance.
 */
import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { intFromEnv } from "@/lib/env";
import { processSlot } from "@/lib/runtime";

export interface AnonymousOrderLimits {
  /** Orders per client address per window; 0 turns this limit off. */
  perAddress: number;
  /** Orders from every anonymous client together per window; 0 turns this limit off. */
  total: number;
  windowSeconds: number;
}

export function anonymousOrderLimitsFromEnv(): AnonymousOrderLimits {
  return {
    perAddress: intFromEnv("TRACKER_ANONYMOUS_ORDERS_PER_ADDRESS", 10, 0),
    total: intFromEnv("TRACKER_ANONYMOUS_ORDERS_TOTAL", 120, 0),
    windowSeconds: intFromEnv("TRACKER_ANONYMOUS_ORDERS_WINDOW_SECONDS", 600),
  };
}

export type OrderGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function createAnonymousOrderGate(limits: AnonymousOrderLimits) {
  const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: limits.windowSeconds }) : null);
  const addresses = limiter(limits.perAddress);
  const total = limiter(limits.total);

  async function take(target: RateLimiterMemory | null, key: string): Promise<OrderGate> {
    if (!target) return { allowed: true };
    try {
      await target.consume(key);
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  }

  return {
    /** Counts one anonymous order from `address`; the address's limit first, so its flood spends only its own. */
    async admit(address: string): Promise<OrderGate> {
      const own = await take(addresses, address);
      if (!own.allowed) return own;
      return take(total, "all");
    },
  };
}

export const anonymousOrderGate = processSlot("anonymousOrders", () => createAnonymousOrderGate(anonymousOrderLimitsFromEnv()));
