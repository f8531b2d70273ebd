/**
 * Prepared-statement reuse for Prisma's better-sqlite3 adapter.
 *
 * The adapter runs every query as `db.prepare(sql).bind(args)`: SQLite parses and plans the SQL
 * again each time, and `bind()` fixes a statement's arguments for good, so the statement cannot be
 * kept. Prisma's query compiler emits the same SQL text for the same query shape, so a hot path
 * repeats a handful of statements thousands of times a second. Profiled under the benchmark,
 * `prepare` alone was ~6 % of the server's CPU.
 *
 * This keeps one prepared statement per SQL text (LRU-bounded) and hands the adapter a view whose
 * `bind(args)` passes the arguments to each call instead: same results, no re-parse.
 *
 * It also sets the one connection setting that lives per connection rather than in the file:
 * `synchronous = FULL`. better-sqlite3 is built with WAL's default of NORMAL, under which a power
 * cut can roll back the last commits, and a later event could then reuse an id a client already
 * holds as its cursor (docs/architecture.md, invariants 2 and 3). FULL is an fsync per commit.
 */
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

/** Distinct SQL texts kept prepared; Prisma's shapes for this schema are a few dozen. */
export const STATEMENT_CACHE_SIZE = 256;

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** What the adapter uses of a statement after `prepare(sql).bind(args)`. */
interface BoundStatement {
  readonly reader: boolean;
  run(): BetterSqlite3.RunResult;
  columns(): BetterSqlite3.ColumnDefinition[];
  raw(): { all(): unknown[] };
}

export interface StatementCacheStats {
  prepared: number;
  reused: number;
}

/**
 * Makes `database.prepare` return cached statements. Only for the adapter's call patterns:
 * `prepare(sql).run()` (BEGIN), and `prepare(sql).bind(args)` followed by `run()`, or by
 * `columns()` and `raw().all()`.
 */
export function cacheStatements(database: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): StatementCacheStats {
  const stats: StatementCacheStats = { prepared: 0, reused: 0 };
  const cache = new Map<string, Statement>();
  const prepare = database.prepare.bind(database) as (sql: string) => Statement;

  const statementFor = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      stats.reused += 1;
      // Re-insert: a Map iterates in insertion order, so its first key is the least recently used.
      cache.delete(sql);
    } else {
      stats.prepared += 1;
      statement = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };

  const view = (sql: string) => ({
    run: () => statementFor(sql).run(),
    bind(args: unknown[]): BoundStatement {
      const statement = statementFor(sql);
      return {
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => statement.columns(),
        // raw mode is a property of the statement; every reader the adapter runs wants it.
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      };
    },
  });
  (database as unknown as { prepare: typeof view }).prepare = view;
  return stats;
}

/**
 * The adapter factory with statement reuse on every connection it opens. Relies on the adapter
 * keeping its better-sqlite3 handle in `client` (true of @prisma/adapter-better-sqlite3 7.x);
 * lib/db/sqlite-statements.test.ts fails if that changes.
 */
type Factory = Pick<PrismaBetterSqlite3, "provider" | "adapterName" | "connect" | "connectToShadowDb">;

export function withStatementCache(factory: Factory): Factory & { stats: StatementCacheStats[] } {
  const stats: StatementCacheStats[] = [];
  const wrap = async (connecting: ReturnType<Factory["connect"]>) => {
    const adapter = await connecting;
    const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (!client || typeof client.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its database handle: update lib/db/sqlite-statements.ts.");
    }
    client.pragma("synchronous = FULL");
    stats.push(cacheStatements(client));
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    stats,
    connect: () => wrap(factory.connect()),
    connectToShadowDb: () => wrap(factory.connectToShadowDb()),
  };
}
