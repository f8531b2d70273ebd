/**
 * API keys: how the shop's other systems (a till, a web shop, a delivery partner) call the API,
 * as `Authorization: Bearer <key>`. A key is made here, shown once, and stored only as its
 * SHA-256: it is 256 random bits, so a fast hash is enough (nothing to brute-force, unlike a
 * password), and a copy of the database opens nothing. Each key has a name staff recognise
 * ("Till 2"), scopes (lib/auth/scopes.ts), and records when it was last used.
 *
 * Verified keys are cached like staff sessions (lib/auth/session-cache.ts): a revocation made by
 * this process applies at once, one made elsewhere within STAFF_SESSION_RECHECK_MS.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/sqlite/client";
import { newId } from "@/lib/orders/codes";
import { processSlot } from "@/lib/runtime";
import { lineText } from "@/lib/text-input";
import { formatScopes, parseScopes, scopeSchema, type Scope } from "./scopes";
import { SessionCache, recheckMsFromEnv } from "./session-cache";

/** Every key starts so, so a leaked one is easy to recognise (and for secret scanners to find). */
export const API_KEY_PREFIX = "trk_";
const SECRET_BYTES = 32;
/** `trk_` and 43 base64url characters: anything else is refused before the database is asked. */
const KEY_PATTERN = /^trk_[A-Za-z0-9_-]{43}$/;
/** How much of a key a list shows: enough to tell keys apart, far too little to use one. */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 6;
/** `lastUsedAt` is written at most this often per key and process: a busy till is not a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyIdentity {
  id: string;
  name: string;
  scopes: readonly Scope[];
}

/** A key as lists show it: never the key itself. */
export interface ApiKeySummary {
  id: string;
  name: string;
  /** The key's first characters, e.g. `trk_3fQ9xA`. */
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const apiKeyInputSchema = z.strictObject({
  name: lineText(60),
  scopes: z
    .array(scopeSchema)
    .min(1, "a key needs at least one scope")
    .refine((scopes) => new Set(scopes).size === scopes.length, "must name each scope once"),
});

export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;

export function apiKeyHash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

const verified = processSlot("apiKeys", () => new SessionCache<ApiKeyIdentity>({ recheckMs: recheckMsFromEnv() }));

type Client = Pick<PrismaClient, "apiKey">;

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { name: true } },
} as const;

function toSummary(row: {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { name: string } | null;
}): ApiKeySummary {
  return { ...row, scopes: parseScopes(row.scopes), createdBy: row.createdBy?.name ?? null };
}

/** Makes a key. The answer's `key` is the only time it exists outside its holder. */
export async function createApiKey(
  client: Client,
  input: ApiKeyInput,
  createdById: string | null,
): Promise<{ key: string; summary: ApiKeySummary }> {
  const key = API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
  const row = await client.apiKey.create({
    data: {
      id: newId(),
      name: input.name,
      prefix: key.slice(0, SHOWN_LENGTH),
      hash: apiKeyHash(key),
      scopes: formatScopes(input.scopes),
      createdById,
    },
    select: summarySelect,
  });
  return { key, summary: toSummary(row) };
}

/** Every key, the newest first, revoked ones too (their history stays readable). */
export async function listApiKeys(client: Client): Promise<ApiKeySummary[]> {
  const rows = await client.apiKey.findMany({ select: summarySelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.map(toSummary);
}

export type RevokeResult = { ok: true; summary: ApiKeySummary } | { ok: false; reason: "not_found" | "already_revoked" };

/** Revokes a key for good: its events and orders keep naming it. */
export async function revokeApiKey(client: Client, id: string): Promise<RevokeResult> {
  const { count } = await client.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  verified().forgetIdentity(id);
  const row = await client.apiKey.findUnique({ where: { id }, select: summarySelect });
  if (!row) return { ok: false, reason: "not_found" };
  if (count === 0) return { ok: false, reason: "already_revoked" };
  return { ok: true, summary: toSummary(row) };
}

export type KeyCheck = { ok: true; key: ApiKeyIdentity } | { ok: false; reason: "invalid" | "revoked" };

/** The key a bearer token is, if it is a live one. */
export async function apiKeyForToken(token: string): Promise<KeyCheck> {
  if (!KEY_PATTERN.test(token)) return { ok: false, reason: "invalid" };
  const hash = apiKeyHash(token);
  const known = verified().get(hash);
  if (known) return { ok: true, key: known };
  const row = await db().apiKey.findUnique({
    where: { hash },
    select: { id: true, name: true, scopes: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row) return { ok: false, reason: "invalid" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const key = { id: row.id, name: row.name, scopes: parseScopes(row.scopes) };
  verified().remember(hash, key, Number.POSITIVE_INFINITY);
  return { ok: true, key };
}
