import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { processSlot } from "@/lib/runtime";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgresql/client";
import { PrismaClient, type Prisma } from "./generated/sqlite/client";
import { providerOf, type Provider } from "./provider";
import { withStatementCache } from "./sqlite-statements";
import { databaseUrl, sqliteFilePath } from "./url";

export type Db = PrismaClient;

/**
 * The query pool's size per instance (PostgreSQL): TRACKER_DB_POOL_MAX, default 10. Streams hold
 * no pooled connection (the hub reads for all of them), so this bounds concurrent requests' queries;
 * instances × pool must stay under the server's max_connections.
 */
function postgresPoolMax(): number {
  const raw = process.env.TRACKER_DB_POOL_MAX?.trim();
  if (!raw) return 10;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`TRACKER_DB_POOL_MAX must be a positive integer (got "${raw}").`);
  return value;
}

/**
 * A client for `url` through the matching driver adapter. Both generated clients come from one
 * data model (prisma/postgresql/schema.prisma is derived from prisma/schema.prisma, and a test
 * fails when they drift), so their model APIs are the same and the PostgreSQL client is used
 * through the SQLite client's type: the rest of the code is written once.
 */
export function createPrismaClient(url: string): PrismaClient {
  if (providerOf(url) === "postgresql") {
    const adapter = new PrismaPg(
      { connectionString: url, max: postgresPoolMax(), application_name: "tracker" },
      // An idle connection that the server closed (a restart, a failover) is dropped from the
      // pool and replaced on demand; say so instead of failing silently.
      { onPoolError: (error) => console.error(`[db] idle PostgreSQL connection lost: ${error.message}`) },
    );
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: withStatementCache(new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 5000 })) });
}

// One client (one pool) per process, shared by server.ts's hot paths and Next's bundles, and kept
// across dev reloads (lib/runtime.ts).
const processClient = processSlot("db", () => createPrismaClient(databaseUrl()));

export function db(): PrismaClient {
  return processClient();
}

/**
 * The client for reads that must see only committed rows: the event log's (the hub, stream
 * replays). On SQLite that is a second connection. On the one connection, a read that runs
 * between a transaction's statements (the hub's poll fires while a batch of changes is open,
 * lib/db/group-commit.ts) sees that transaction's uncommitted rows, and a hub could publish an
 * event whose batch then rolls back, its id to be drawn again by the next write (invariant 2).
 * In WAL mode a second connection reads the last commit while the writer works. On PostgreSQL
 * every query takes a pooled connection of its own, so the process's client is that already.
 */
const processReader = processSlot("dbReader", () => (dbProvider() === "sqlite" ? createPrismaClient(databaseUrl()) : db()));

export function committedReader(): PrismaClient {
  return processReader();
}

/**
 * Closes the process's clients (a script that is done with the database); the next db() opens a
 * new one. Without it a script would linger until the pool's idle connections time out (10 s).
 */
export async function disconnectDb(): Promise<void> {
  const client = processClient.take();
  const reader = processReader.take();
  await client?.$disconnect();
  if (reader && reader !== client) await reader.$disconnect();
}

export function dbProvider(): Provider {
  return providerOf(databaseUrl());
}

/**
 * Runs `read` in one transaction whose reads all see the same committed state: what a page
 * renders and the event cursor it hands to its stream must agree (invariant 4). PostgreSQL's
 * default READ COMMITTED gives each statement a new snapshot, so ask for REPEATABLE READ; a
 * SQLite transaction already reads one snapshot.
 */
export function readSnapshot<T>(read: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    if (dbProvider() === "postgresql") await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    return read(tx);
  });
}
