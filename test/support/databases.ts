import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "../../lib/db/migrate";
import type { Provider } from "../../lib/db/provider";
import { sqliteFilePath } from "../../lib/db/url";
import { copyPostgresDatabase, createPostgresDatabase, dropPostgresDatabase, testPostgresAdminUrl } from "./postgres-admin";

/**
 * The database the unit tests run on: SQLite, or PostgreSQL in the vitest project that sets
 * TRACKER_TEST_DATABASE=postgresql (vitest.config.ts).
 */
export function testProvider(): Provider {
  return process.env.TRACKER_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

export interface TestDatabase {
  url: string;
  /** Deletes it: the SQLite file's folder, or the PostgreSQL database. */
  cleanup(): Promise<void>;
}

/**
 * A new, empty database of `provider` that nothing else uses (a SQLite file in a folder of its
 * own, or a PostgreSQL database named `<prefix>_<random>`): for tests, e2e servers, benchmarks.
 */
export async function createEmptyDatabase(provider: Provider, prefix = "tracker_test"): Promise<TestDatabase> {
  if (provider === "postgresql") {
    const admin = testPostgresAdminUrl();
    const url = await createPostgresDatabase(admin, prefix);
    return { url, cleanup: () => dropPostgresDatabase(admin, url) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix.replaceAll("_", "-")}-`));
  return { url: `file:${path.join(dir, "tracker.db")}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A new database holding a copy of `templateUrl`'s, which nothing may hold open meanwhile: a copy
 * of the SQLite file (and its write-ahead log, should a killed process have left one), or
 * PostgreSQL's `CREATE DATABASE … TEMPLATE`. Milliseconds, where migrating and seeding take seconds.
 */
export async function cloneDatabase(provider: Provider, templateUrl: string, prefix = "tracker_test"): Promise<TestDatabase> {
  if (provider === "postgresql") {
    const admin = testPostgresAdminUrl();
    const url = await copyPostgresDatabase(admin, templateUrl, prefix);
    return { url, cleanup: () => dropPostgresDatabase(admin, url) };
  }
  const copy = await createEmptyDatabase(provider, prefix);
  const from = sqliteFilePath(templateUrl);
  const to = sqliteFilePath(copy.url);
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
  return copy;
}

/** A fresh, migrated database of the test provider; `cleanup` deletes it. */
export async function createMigratedDatabase(provider: Provider = testProvider()): Promise<TestDatabase> {
  const database = await createEmptyDatabase(provider);
  await migrate({ url: database.url, log: () => {} });
  return database;
}

/**
 * Points this test process at a fresh, migrated database. Call it before anything touches
 * `db()`: the client is created once per process from DATABASE_URL. `cleanup` closes that client,
 * then deletes the database.
 */
export async function useFreshDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  return {
    url: database.url,
    async cleanup() {
      // The process's client still holds connections to this database: dropping it under them
      // would kill them, and the pool would rightly report each one as lost. Imported here, not
      // at the top: the e2e fixtures and the benchmark use this module outside React's server
      // build, where client.ts's `server-only` import throws.
      const { disconnectDb } = await import("../../lib/db/client");
      await disconnectDb();
      await database.cleanup();
    },
  };
}
