import { z } from "zod";

/**
 * What an API key may do (lib/auth/principal.ts checks them). A staff session may do all of it;
 * managing keys and webhooks is no scope at all: only an owner's session does that.
 */
export const SCOPES = ["orders:create", "orders:write", "events:read"] as const;

export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  "orders:create": "place orders (POST /api/orders)",
  "orders:write": "advance and cancel orders (POST /api/staff/orders/{id}/transitions)",
  "events:read": "read the staff event stream and the open orders (GET /api/staff/events, /api/staff/orders)",
};

export const scopeSchema = z.enum(SCOPES);

/** A key's scopes as stored: space-separated, each once, in SCOPES' order. */
export function formatScopes(scopes: readonly Scope[]): string {
  return SCOPES.filter((scope) => scopes.includes(scope)).join(" ");
}

/** Stored scopes back as a list; a word that is no scope (corruption, or a scope since removed) grants nothing. */
export function parseScopes(stored: string): Scope[] {
  const words = new Set(stored.split(" "));
  return SCOPES.filter((scope) => words.has(scope));
}
