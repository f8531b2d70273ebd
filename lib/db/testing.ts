import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "./migrate";
import { createPostgresDatabase, dropPostgresDatabase, testPostgresAdminUrl } from "./postgres-admin";
import type { Provider } from "./provider";

/**
 * The database the unit tests run on: SQLite, or PostgreSQL in the vitest project that sets
 * TRACKER_TEST_DATABASE=postgresql (vitest.config.ts).
 */
export function testProvider(): Provider {
  return process.env.TRACKER_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

/** A fresh, migrated database of the test provider; `cleanup` deletes it. */
export async function createMigratedDatabase(
  provider: Provider = testProvider(),
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (provider === "postgresql") {
    const admin = testPostgresAdminUrl();
    const url = await createPostgresDatabase(admin);
    await migrate({ url, log: () => {} });
    return { url, cleanup: () => dropPostgresDatabase(admin, url) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tracker-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await migrate({ url, log: () => {} });
  return { url, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Points this test process at a fresh, migrated database. Call it before anything touches
 * `db()`: the client is created once per process from DATABASE_URL.
 */
export async function useFreshDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  return database;
}
