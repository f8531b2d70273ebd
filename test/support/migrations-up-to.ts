import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MIGRATIONS_DIRS } from "../../lib/db/migrate";
import type { Provider } from "../../lib/db/provider";

const root = path.resolve(__dirname, "../..");

/** The committed migrations of `provider` up to and including `last`, copied to a folder of their own. */
export function migrationsUpTo(provider: Provider, last: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-upgrade-"));
  fs.cpSync(path.join(root, MIGRATIONS_DIRS[provider]), copy, { recursive: true });
  for (const name of fs.readdirSync(copy)) {
    if (fs.statSync(path.join(copy, name)).isDirectory() && name > last) fs.rmSync(path.join(copy, name), { recursive: true });
  }
  return copy;
}
