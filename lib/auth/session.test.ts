import fc from "fast-check";
import { sealData } from "iron-session";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { authenticateStaff, createStaffSession, deleteStaffSession, staffForCookie } from "./session";
import { DEFAULT_RECHECK_MS } from "./session-cache";
import { sessionPasswords } from "./session-secret";
import { upsertStaffUser } from "./staff";

let cleanup: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  ({ id: userId } = await upsertStaffUser(db(), { email: "Chef@Example.com ", name: "Chef", password: "s3cret-pass" }));
});

afterAll(() => cleanup());
afterEach(() => vi.unstubAllEnvs());

describe("staff authentication", () => {
  it("accepts the right password for the normalised email only", async () => {
    expect(await authenticateStaff("chef@example.com", "s3cret-pass")).toEqual({
      id: userId,
      email: "chef@example.com",
      name: "Chef",
      role: "staff",
    });
    expect(await authenticateStaff("chef@example.com", "wrong")).toBeNull();
    expect(await authenticateStaff("nobody@example.com", "s3cret-pass")).toBeNull();
  });

  it("stores only a hash of the session token: a database copy opens no session, even sealed with the secret", async () => {
    const { cookie } = await createStaffSession(userId);
    const rows = await db().staffSession.findMany();
    expect(rows.some((row) => cookie.includes(row.id))).toBe(false);
    for (const row of rows) {
      const forged = await sealData({ sid: row.id }, { password: sessionPasswords()[0], ttl: 3600 });
      expect(await staffForCookie(forged)).toBeNull();
    }
    expect(await staffForCookie(cookie)).toMatchObject({ id: userId });
  });

  it("ends a session on logout, at once even when this process has just verified it", async () => {
    const { cookie } = await createStaffSession(userId);
    expect(await staffForCookie(cookie)).toMatchObject({ id: userId });
    await deleteStaffSession(cookie);
    expect(await staffForCookie(cookie)).toBeNull();
  });

  it("honours a revocation made elsewhere (another instance, a script) within STAFF_SESSION_RECHECK_MS", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      const { cookie } = await createStaffSession(userId);
      const other = await createStaffSession(userId);
      expect(await staffForCookie(cookie)).toMatchObject({ id: userId });
      expect(await staffForCookie(other.cookie)).toMatchObject({ id: userId });
      // Another process deletes the rows: this one does not know yet, and trusts what it verified.
      await db().staffSession.deleteMany({ where: { userId } });
      vi.advanceTimersByTime(DEFAULT_RECHECK_MS - 1);
      expect(await staffForCookie(cookie)).toMatchObject({ id: userId });
      vi.advanceTimersByTime(1);
      expect(await staffForCookie(cookie)).toBeNull();
      expect(await staffForCookie(other.cookie)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("ends every session of an account when its password is changed, at once in this process", async () => {
    const { cookie } = await createStaffSession(userId);
    expect(await staffForCookie(cookie)).toMatchObject({ id: userId });
    await upsertStaffUser(db(), { email: "chef@example.com", name: "Chef", password: "n3w-secret-pass" });
    expect(await staffForCookie(cookie)).toBeNull();
    await upsertStaffUser(db(), { email: "chef@example.com", name: "Chef", password: "s3cret-pass" });
  });

  it("refuses and removes an expired session", async () => {
    const { cookie } = await createStaffSession(userId);
    await db().staffSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await db().staffSession.count();
    expect(await staffForCookie(cookie)).toBeNull();
    expect(await db().staffSession.count()).toBe(before - 1);
  });

  it("sweeps expired sessions at the next sign-in", async () => {
    const { cookie: old } = await createStaffSession(userId);
    await db().staffSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const { cookie: fresh } = await createStaffSession(userId);
    expect(await db().staffSession.count()).toBe(1);
    expect(await staffForCookie(fresh)).toMatchObject({ id: userId });
    expect(await staffForCookie(old)).toBeNull();
  });

  it("refuses missing, unknown, tampered and foreign-sealed cookies", async () => {
    const { cookie } = await createStaffSession(userId);
    expect(await staffForCookie(undefined)).toBeNull();
    expect(await staffForCookie("not-a-session")).toBeNull();
    const middle = Math.floor(cookie.length / 2);
    const flipped = cookie.slice(0, middle) + (cookie[middle] === "A" ? "B" : "A") + cookie.slice(middle + 1);
    expect(await staffForCookie(flipped)).toBeNull();
    const sid = "x".repeat(43);
    const foreign = await sealData({ sid }, { password: "another secret of at least thirty-two chars", ttl: 3600 });
    expect(await staffForCookie(foreign)).toBeNull();
    expect(await staffForCookie(cookie)).toMatchObject({ id: userId });
  });

  it("never throws on a hostile cookie", async () => {
    const { cookie } = await createStaffSession(userId);
    // Seal-shaped junk: a real cookie cut short, or with its fields after the first replaced.
    const truncated = fc.integer({ min: 0, max: cookie.length - 1 }).map((end) => cookie.slice(0, end));
    const spliced = fc.tuple(fc.integer({ min: 1, max: cookie.split("*").length - 1 }), fc.string()).map(
      ([keep, junk]) => `${cookie.split("*").slice(0, keep).join("*")}*${junk}`,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: "binary" }), truncated, spliced), async (value) => {
        expect(await staffForCookie(value)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("opens cookies sealed with the previous secret while the secret rotates", async () => {
    vi.stubEnv("TRACKER_SESSION_SECRET", "the first production secret, 32+ chars");
    const { cookie } = await createStaffSession(userId);
    vi.stubEnv("TRACKER_SESSION_SECRET", "the second production secret, 32+ chars");
    expect(await staffForCookie(cookie)).toBeNull();
    vi.stubEnv("TRACKER_SESSION_SECRET_PREVIOUS", "the first production secret, 32+ chars");
    expect(await staffForCookie(cookie)).toMatchObject({ id: userId });
  });
});
