import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "./migrate";

/** A migrated SQLite file in a temporary folder of its own; `cleanup` removes the folder. */
export async function createMigratedDatabase(): Promise<{ url: string; file: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "tracker-test-"));
  const file = path.join(dir, "test.db");
  const url = `file:${file}`;
  await migrate({ url, log: () => {} });
  return { url, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Points this test process at a fresh, migrated SQLite file. Call it before anything touches
 * `db()`: the client is created once per process from DATABASE_URL.
 */
export async function useFreshDatabase(): Promise<{ url: string; cleanup: () => void }> {
  const { url, cleanup } = await createMigratedDatabase();
  process.env.DATABASE_URL = url;
  return { url, cleanup };
}
