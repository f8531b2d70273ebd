import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/lib/db/testing";
import { authenticateStaff, createStaffSession, deleteStaffSession, staffForToken } from "./session";
import { upsertStaffUser } from "./staff";

let cleanup: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  ({ id: userId } = await upsertStaffUser(db(), { email: "Chef@Example.com ", name: "Chef", password: "s3cret-pass" }));
});
afterAll(() => cleanup());

describe("staff authentication", () => {
  it("accepts the right password for the normalised email only", async () => {
    expect(await authenticateStaff("chef@example.com", "s3cret-pass")).toEqual({
      id: userId,
      email: "chef@example.com",
      name: "Chef",
    });
    expect(await authenticateStaff("chef@example.com", "wrong")).toBeNull();
    expect(await authenticateStaff("nobody@example.com", "s3cret-pass")).toBeNull();
  });

  it("stores only a hash of the session token", async () => {
    const { token } = await createStaffSession(userId);
    const rows = await db().staffSession.findMany();
    expect(rows.some((row) => row.id === token)).toBe(false);
    expect(await staffForToken(token)).toMatchObject({ id: userId });
  });

  it("ends a session on logout", async () => {
    const { token } = await createStaffSession(userId);
    await deleteStaffSession(token);
    expect(await staffForToken(token)).toBeNull();
  });

  it("refuses and removes an expired session", async () => {
    const { token } = await createStaffSession(userId);
    await db().staffSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await db().staffSession.count();
    expect(await staffForToken(token)).toBeNull();
    expect(await db().staffSession.count()).toBe(before - 1);
  });

  it("sweeps expired sessions at the next sign-in", async () => {
    const { token: old } = await createStaffSession(userId);
    await db().staffSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const { token: fresh } = await createStaffSession(userId);
    expect(await db().staffSession.count()).toBe(1);
    expect(await staffForToken(fresh)).toMatchObject({ id: userId });
    expect(await staffForToken(old)).toBeNull();
  });

  it("refuses missing and unknown tokens", async () => {
    expect(await staffForToken(undefined)).toBeNull();
    expect(await staffForToken("not-a-session")).toBeNull();
  });
});
