/**
 * Caps on open event streams, per client address and per tracking link: each stream holds a
 * socket and a subscriber for as long as the client likes, so one client could otherwise hold
 * thousands. Counted per process: behind a proxy with several instances, a client could hold the
 * cap on each (the nginx site in deploy/ can cap connections across them).
 */
import "server-only";
import { intFromEnv } from "@/lib/env";
import { processStreamCounters, type StreamCounters } from "./counters";
import { processSlot } from "@/lib/runtime";

export interface StreamCaps {
  /** Open streams one client address may hold; 0 = no cap. */
  perAddress: number;
  /** Open streams one tracking link (order) may have; 0 = no cap. */
  perOrder: number;
}

export function streamCapsFromEnv(): StreamCaps {
  return {
    // 0 is a setting here (no cap), not a typo.
    perAddress: intFromEnv("TRACKER_MAX_STREAMS_PER_ADDRESS", 50, 0),
    perOrder: intFromEnv("TRACKER_MAX_STREAMS_PER_TOKEN", 10, 0),
  };
}

/** A granted slot; `release` is idempotent, so every way a stream can end may call it. */
export interface StreamLease {
  release(): void;
}

export type LeaseResult = { ok: true; lease: StreamLease } | { ok: false; limit: "address" | "token" };

export class StreamLimiter {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly caps: () => StreamCaps = streamCapsFromEnv,
    private readonly counters: StreamCounters = processStreamCounters(),
  ) {}

  /** Takes a slot for a stream from `address` (and of `key`, its tracking link's order, for a customer stream). */
  acquire(address: string, key?: string): LeaseResult {
    const caps = this.caps();
    const keys: string[] = [];
    if (caps.perAddress > 0) {
      if (this.count(`a:${address}`) >= caps.perAddress) return this.refuse("address");
      keys.push(`a:${address}`);
    }
    if (key !== undefined && caps.perOrder > 0) {
      if (this.count(`o:${key}`) >= caps.perOrder) return this.refuse("token");
      keys.push(`o:${key}`);
    }
    for (const key of keys) this.open.set(key, this.count(key) + 1);
    let released = false;
    return {
      ok: true,
      lease: {
        release: () => {
          if (released) return;
          released = true;
          for (const key of keys) {
            const left = this.count(key) - 1;
            if (left > 0) this.open.set(key, left);
            else this.open.delete(key);
          }
        },
      },
    };
  }

  private refuse(limit: "address" | "token"): LeaseResult {
    this.counters.refused[limit] += 1;
    return { ok: false, limit };
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }

  /** Keys with open streams (for tests: it must return to zero). */
  size(): number {
    return this.open.size;
  }
}

// One per process: the route bundles and server.ts each get their own copy of this module, and a
// cap counts every stream the process holds (lib/runtime.ts).
const limiter = processSlot("streamLimiter", () => new StreamLimiter());

export function streamLimiter(): StreamLimiter {
  return limiter();
}
