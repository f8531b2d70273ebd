import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "./migrate";

/**
 * Points this test process at a fresh, migrated SQLite file. Call it before anything touches
 * `db()`: the client is created once per process from DATABASE_URL.
 */
export async function useFreshDatabase(): Promise<{ url: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "tracker-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  process.env.DATABASE_URL = url;
  await migrate({ url, log: () => {} });
  return { url, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
