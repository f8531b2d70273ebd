import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { copyDatabase, everyCell } from "@/test/support/copy-database";
import { useFreshDatabase } from "@/test/support/databases";
import { apiKeyForToken, apiKeyHash, apiKeyInputSchema, createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { DEFAULT_RECHECK_MS } from "./session-cache";
import { upsertStaffUser } from "./staff";

let cleanup: () => Promise<void>;
let url: string;
let ownerId: string;

beforeAll(async () => {
  ({ cleanup, url } = await useFreshDatabase());
  ({ id: ownerId } = await upsertStaffUser(db(), { email: "owner@example.com", name: "Olu", password: "s3cret-pass-1", role: "owner" }));
});
afterAll(() => cleanup());
afterEach(() => vi.useRealTimers());

describe("API keys", () => {
  it("are shown once, in a recognisable form, and stored only as a hash", async () => {
    const { key, summary } = await createApiKey(db(), { name: "Till 2", scopes: ["orders:create", "orders:write"] }, ownerId);
    expect(key).toMatch(/^trk_[A-Za-z0-9_-]{43}$/);
    expect(summary).toMatchObject({ name: "Till 2", scopes: ["orders:create", "orders:write"], createdBy: "Olu", lastUsedAt: null, revokedAt: null });
    expect(key.startsWith(summary.prefix)).toBe(true);
    expect(summary.prefix.length).toBeLessThan(12);
    expect(JSON.stringify(summary)).not.toContain(key);
    const copy = await copyDatabase(url);
    expect(everyCell(copy).some((cell) => cell.includes(key))).toBe(false);
    expect(copy.files.some((bytes) => bytes.includes(key))).toBe(false);
    expect(everyCell(copy)).toContain(apiKeyHash(key));
  });

  it("open as the key they are, with its scopes, and record when they were last used", async () => {
    const { key, summary } = await createApiKey(db(), { name: "Web shop", scopes: ["events:read"] }, null);
    const before = Date.now();
    expect(await apiKeyForToken(key)).toEqual({ ok: true, key: { id: summary.id, name: "Web shop", scopes: ["events:read"] } });
    const [listed] = (await listApiKeys(db())).filter((k) => k.id === summary.id);
    expect(listed?.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("refuse what is not a key: unknown, malformed, another key's prefix", async () => {
    const { key } = await createApiKey(db(), { name: "Till 3", scopes: ["orders:create"] }, null);
    const unknown = `trk_${"A".repeat(43)}`;
    for (const token of [unknown, "", "trk_", key.slice(0, -1), `${key}A`, key.toUpperCase(), "Bearer " + key]) {
      expect(await apiKeyForToken(token), token).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("stop working at once when revoked in this process, and say they were revoked", async () => {
    const { key, summary } = await createApiKey(db(), { name: "Old till", scopes: ["orders:write"] }, ownerId);
    expect((await apiKeyForToken(key)).ok).toBe(true);
    expect(await revokeApiKey(db(), summary.id)).toMatchObject({ ok: true, summary: { id: summary.id } });
    expect(await apiKeyForToken(key)).toEqual({ ok: false, reason: "revoked" });
    expect(await revokeApiKey(db(), summary.id)).toEqual({ ok: false, reason: "already_revoked" });
    expect(await revokeApiKey(db(), "no-such-key")).toEqual({ ok: false, reason: "not_found" });
    const [listed] = (await listApiKeys(db())).filter((k) => k.id === summary.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
  });

  it("stop working within the recheck bound when another process revokes them", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { key, summary } = await createApiKey(db(), { name: "Till 4", scopes: ["orders:write"] }, ownerId);
    expect((await apiKeyForToken(key)).ok).toBe(true);
    // Another instance (or `npm run apikey -- revoke`) writes the row; this process has not heard.
    await db().apiKey.update({ where: { id: summary.id }, data: { revokedAt: new Date() } });
    vi.advanceTimersByTime(DEFAULT_RECHECK_MS - 1);
    expect((await apiKeyForToken(key)).ok).toBe(true);
    vi.advanceTimersByTime(1);
    expect(await apiKeyForToken(key)).toEqual({ ok: false, reason: "revoked" });
  });

  it("need a visible name and at least one known scope, each once", () => {
    expect(apiKeyInputSchema.safeParse({ name: "Till 2", scopes: ["orders:create"] }).success).toBe(true);
    for (const input of [
      { name: "", scopes: ["orders:create"] },
      { name: "Till\u202e2", scopes: ["orders:create"] },
      { name: "Till 2", scopes: [] },
      { name: "Till 2", scopes: ["orders:delete"] },
      { name: "Till 2", scopes: ["orders:create", "orders:create"] },
      { name: "Till 2", scopes: ["orders:create"], admin: true },
    ]) {
      expect(apiKeyInputSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
});
