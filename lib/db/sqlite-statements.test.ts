import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaClient } from "./generated/sqlite/client";
import { sqliteFilePath } from "./url";
import { cacheStatements, withStatementCache } from "./sqlite-statements";
import { createMigratedDatabase, type TestDatabase } from "@/test/support/databases";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function memoryDatabase(): Database.Database {
  const database = new Database(":memory:");
  database.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  cleanups.push(async () => void database.close());
  return database;
}

describe("cacheStatements", () => {
  it("reuses one prepared statement per SQL text, with fresh arguments on every call", () => {
    const database = memoryDatabase();
    const stats = cacheStatements(database);
    const insert = "INSERT INTO t (v) VALUES (?)";
    for (const v of ["a", "b", "c"]) database.prepare(insert).bind([v]).run();
    const select = "SELECT id, v FROM t WHERE v >= ? ORDER BY id";
    const bound = database.prepare(select).bind(["b"]);
    expect(bound.reader).toBe(true);
    expect(bound.columns().map((column) => column.name)).toEqual(["id", "v"]);
    expect(bound.raw().all()).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
    expect(database.prepare(select).bind(["c"]).raw().all()).toEqual([[3, "c"]]);
    expect(stats).toEqual({ prepared: 2, reused: 3 });
  });

  it("runs an argument-less statement straight from prepare (the adapter's BEGIN)", () => {
    const database = memoryDatabase();
    cacheStatements(database);
    database.prepare("BEGIN").run();
    expect(database.inTransaction).toBe(true);
    database.prepare("COMMIT").bind([]).run();
    expect(database.inTransaction).toBe(false);
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const database = memoryDatabase();
    const stats = cacheStatements(database, 2);
    const run = (sql: string) => database.prepare(sql).bind([]).raw().all();
    run("SELECT 1");
    run("SELECT 2");
    run("SELECT 1"); // now 2 is the least recently used
    run("SELECT 3"); // evicts 2
    run("SELECT 1");
    expect(stats).toEqual({ prepared: 3, reused: 2 });
    run("SELECT 2");
    expect(stats).toEqual({ prepared: 4, reused: 2 });
  });
});

describe("withStatementCache", () => {
  let database: TestDatabase;

  it("serves Prisma's queries and transactions from cached statements", async () => {
    database = await createMigratedDatabase("sqlite");
    cleanups.push(() => database.cleanup());
    const adapter = withStatementCache(new PrismaBetterSqlite3({ url: sqliteFilePath(database.url) }));
    const client = new PrismaClient({ adapter });
    cleanups.push(() => client.$disconnect());

    const emails = ["a@example.com", "b@example.com", "c@example.com"];
    for (const [i, email] of emails.entries()) {
      await client.$transaction(async (tx) => {
        await tx.staffUser.create({ data: { id: `user-${i}`, email, name: `User ${i}`, passwordHash: "x" } });
      });
    }
    for (const [i, email] of emails.entries()) {
      expect(await client.staffUser.findUnique({ where: { email }, select: { id: true } })).toEqual({ id: `user-${i}` });
    }
    expect(await client.staffUser.findUnique({ where: { email: "nobody@example.com" } })).toBeNull();

    const [stats] = adapter.stats;
    expect(adapter.stats).toHaveLength(1);
    // Three creates and four lookups share a handful of statements (BEGIN, INSERT, COMMIT, SELECT).
    expect(stats?.prepared).toBeLessThanOrEqual(5);
    expect(stats?.reused).toBeGreaterThanOrEqual(8);
  });

  it("opens every connection with synchronous = FULL (2), which WAL would otherwise relax to NORMAL", async () => {
    database = await createMigratedDatabase("sqlite");
    cleanups.push(() => database.cleanup());
    const client = new PrismaClient({ adapter: withStatementCache(new PrismaBetterSqlite3({ url: sqliteFilePath(database.url) })) });
    cleanups.push(() => client.$disconnect());
    expect(await client.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    expect(await client.$queryRawUnsafe("PRAGMA synchronous")).toEqual([{ synchronous: 2n }]);
  });

  it("fails loudly when the adapter stops exposing its database handle", async () => {
    const factory = {
      provider: "sqlite" as const,
      adapterName: "fake",
      connect: async () => ({}) as never,
      connectToShadowDb: async () => ({}) as never,
    };
    await expect(withStatementCache(factory).connect()).rejects.toThrow("no longer exposes its database handle");
  });
});
