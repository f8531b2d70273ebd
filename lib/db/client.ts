import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/sqlite/client";
import { databaseUrl, sqliteFilePath } from "./url";

export type Db = PrismaClient;

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl()), timeout: 5000 });
  return new PrismaClient({ adapter });
}

// One client per process. Next's dev server re-evaluates modules on every edit; keeping the
// client on globalThis stops each reload from opening another connection.
const globalForDb = globalThis as typeof globalThis & { __trackerDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.__trackerDb ??= createClient();
  return globalForDb.__trackerDb;
}
