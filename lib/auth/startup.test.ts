import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { DEFAULT_STAFF } from "./default-staff";
import { upsertStaffUser } from "./staff";
import { startupProblems } from "./startup";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  await upsertStaffUser(db(), DEFAULT_STAFF);
  await upsertStaffUser(db(), { email: "chef@example.com", name: "Chef", password: "a password of its own" });
});
afterAll(() => cleanup());
afterEach(() => vi.unstubAllEnvs());

const OWN_SECRET = "a production secret of thirty-two or more characters";

describe("startupProblems", () => {
  it("refuses production with the default password or without a session secret of its own", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("TRACKER_SESSION_SECRET", "");
    const problems = await startupProblems();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/TRACKER_SESSION_SECRET must be at least 32 characters/);
    expect(problems[1]).toMatch(/staff@tracker\.local still has the default password/);
    vi.stubEnv("TRACKER_SESSION_SECRET", "too short");
    expect((await startupProblems())[0]).toMatch(/at least 32/);
  });

  it("lets production start once every account has a password of its own and the secret is set", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("TRACKER_SESSION_SECRET", OWN_SECRET);
    await upsertStaffUser(db(), { ...DEFAULT_STAFF, password: "no longer the default" });
    expect(await startupProblems()).toEqual([]);
    await upsertStaffUser(db(), DEFAULT_STAFF);
  });

  it("lets the demo and development run with the documented defaults", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("TRACKER_DEMO", "true");
    expect(await startupProblems()).toEqual([]);
    vi.stubEnv("TRACKER_DEMO", "");
    vi.stubEnv("NODE_ENV", "development");
    expect(await startupProblems()).toEqual([]);
  });
});
