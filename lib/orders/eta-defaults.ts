import type { OpenStatus } from "./status";

/**
 * What a small shop's order typically takes in each stage, until its own history says otherwise
 * (lib/orders/eta.ts). Apart from the server-only learning so tests can name them.
 */
export const DEFAULT_STAGE_MS: Record<OpenStatus, number> = {
  placed: 2 * 60_000,
  confirmed: 3 * 60_000,
  preparing: 15 * 60_000,
  ready: 5 * 60_000,
  out_for_delivery: 20 * 60_000,
};

