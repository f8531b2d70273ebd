/**
 * The migration runner on PostgreSQL (the SQLite side: migrate.test.ts). Each test gets a fresh
 * database of its own on the test server and a migrations folder of its own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, migrationChecksum, MIGRATIONS_DIRS, readMigrations } from "./migrate";
import { createPostgresDatabase, dropPostgresDatabase, testPostgresAdminUrl } from "@/test/support/postgres-admin";

const admin = testPostgresAdminUrl();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A fresh database and a migrations folder of the given provider, both deleted after the test. */
async function setup(provider = "postgresql") {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-migrate-pg-"));
  cleanups.push(async () => fs.rmSync(root, { recursive: true, force: true }));
  const url = await createPostgresDatabase(admin, "tracker_migrate");
  cleanups.push(() => dropPostgresDatabase(admin, url));
  const migrationsDir = path.join(root, "migrations");
  fs.mkdirSync(migrationsDir);
  fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), `provider = "${provider}"\n`);
  return {
    root,
    url,
    migrationsDir,
    write(name: string, sql: string) {
      fs.mkdirSync(path.join(migrationsDir, name), { recursive: true });
      fs.writeFileSync(path.join(migrationsDir, name, "migration.sql"), sql);
    },
    run(dir = migrationsDir) {
      return migrate({ url, migrationsDir: dir });
    },
    /** Queries the database over a separate connection, closed before returning. */
    async query<R extends pg.QueryResultRow>(sql: string): Promise<R[]> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<R>(sql)).rows;
      } finally {
        await client.end();
      }
    },
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const tables = async (t: Setup) =>
  (
    await t.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name COLLATE \"C\"",
    )
  ).map((r) => r.table_name);

interface Row {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}
const rows = (t: Setup) => t.query<Row>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

/** The rejection's message, failing the test when `promise` resolves. */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error instanceof Error ? error.message : "";
}

const A = 'CREATE TABLE "A" ("id" TEXT NOT NULL, CONSTRAINT "A_pkey" PRIMARY KEY ("id"));\n';
const B = 'CREATE TABLE "B" ("id" SERIAL NOT NULL, "aId" TEXT NOT NULL, CONSTRAINT "B_pkey" PRIMARY KEY ("id"));\n';

describe("migrate on PostgreSQL", () => {
  it("applies the committed migrations to a fresh database, with Prisma's bookkeeping", async () => {
    const t = await setup();
    const committed = path.resolve(__dirname, "../..", MIGRATIONS_DIRS.postgresql);
    const { migrations } = readMigrations(committed);
    expect(migrations.length).toBeGreaterThan(0);

    await expect(t.run(committed)).resolves.toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: 0 });

    expect(await tables(t)).toEqual(expect.arrayContaining(["Order", "OrderEvent", "StaffSession", "StaffUser", "_prisma_migrations"]));
    const recorded = await rows(t);
    expect(recorded.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of recorded.entries()) {
      const file = path.join(committed, row.migration_name, "migration.sql");
      expect(row).toMatchObject({
        checksum: migrationChecksum(fs.readFileSync(file, "utf8")),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.checksum).toBe(migrations[i]?.checksum);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it("records a migration as finished after its script ran, not before it started", async () => {
    const t = await setup();
    t.write("001_slow", `${A}SELECT pg_sleep(0.2);\n`);
    await t.run();
    const [row] = await rows(t);
    const took = (row?.finished_at?.getTime() ?? NaN) - (row?.started_at.getTime() ?? NaN);
    expect(took, "finished_at - started_at, in ms, of a migration that sleeps 200 ms").toBeGreaterThanOrEqual(200);
  });

  it("keeps the _prisma_migrations table exactly as Prisma creates it", async () => {
    const t = await setup();
    t.write("001_a", A);
    await t.run();
    // Prisma's DDL (prisma-engines, sql-schema-connector's postgres flavour): VARCHAR(36) id
    // primary key, TIMESTAMPTZ times, started_at defaulting to now(), steps defaulting to 0.
    const columns = await t.query<{ name: string; type: string; not_null: boolean; default: string | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
              pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
    );
    expect(columns.map((c) => [c.name, c.type, c.not_null, c.default])).toEqual([
      ["id", "character varying(36)", true, null],
      ["checksum", "character varying(64)", true, null],
      ["finished_at", "timestamp with time zone", false, null],
      ["migration_name", "character varying(255)", true, null],
      ["logs", "text", false, null],
      ["rolled_back_at", "timestamp with time zone", false, null],
      ["started_at", "timestamp with time zone", true, "now()"],
      ["applied_steps_count", "integer", true, "0"],
    ]);
    const primaryKey = await t.query<{ column: string }>(
      `SELECT a.attname AS column FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '"_prisma_migrations"'::regclass AND i.indisprimary`,
    );
    expect(primaryKey).toEqual([{ column: "id" }]);
  });

  it("applies nothing the second time, and only the new migration after one is added", async () => {
    const t = await setup();
    t.write("001_a", A);
    await t.run();

    await expect(t.run()).resolves.toEqual({ applied: [], alreadyApplied: 1 });
    t.write("002_b", B);
    await expect(t.run()).resolves.toEqual({ applied: ["002_b"], alreadyApplied: 1 });
    expect(await rows(t)).toHaveLength(2);
  });

  it("applies each migration exactly once when two migrators start at the same moment", async () => {
    const t = await setup();
    const names = Array.from({ length: 4 }, (_, i) => `${String(i + 1).padStart(3, "0")}_m`);
    for (const [i, name] of names.entries()) {
      // Slow enough that the two runs overlap; a migration applied twice fails on CREATE TABLE.
      t.write(name, `CREATE TABLE "T${i}" ("x" INTEGER NOT NULL);\nSELECT pg_sleep(0.1);\n`);
    }
    // Each migrate() has its own connection, so they contend exactly as two instances would.
    const results = await Promise.all([t.run(), t.run()]);

    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    expect((await rows(t)).map((r) => r.migration_name)).toEqual(names);
  });

  it("rolls a failing migration back completely and names it and the SQLSTATE in a one-line error", async () => {
    const t = await setup();
    t.write("001_a", A);
    // The first two statements succeed before the third fails at run time.
    t.write("002_broken", 'CREATE TABLE "Half" ("id" TEXT);\nINSERT INTO "A" VALUES (\'kept?\');\nINSERT INTO "Nope" VALUES (1);\n');

    const message = await failureOf(t.run());
    expect(message).toBe('Migration 002_broken failed and was rolled back: relation "Nope" does not exist (SQLSTATE 42P01)');

    // 001_a stays applied (its own transaction); nothing of 002_broken remains, not even its row.
    expect(await tables(t)).toEqual(["A", "_prisma_migrations"]);
    expect(await t.query('SELECT * FROM "A"')).toEqual([]);
    expect((await rows(t)).map((r) => r.migration_name)).toEqual(["001_a"]);

    t.write("002_broken", 'CREATE TABLE "Half" ("id" TEXT);\n');
    await expect(t.run()).resolves.toEqual({ applied: ["002_broken"], alreadyApplied: 1 });
  });

  it("leaves a fresh database empty when its first migration fails", async () => {
    const t = await setup();
    // An error whose message spans two lines, which the runner's one-line message must fold.
    t.write("001_broken", 'CREATE TABLE "A" ("id" TEXT);\nDO $$ BEGIN RAISE EXCEPTION E\'first line\\nsecond line\'; END $$;\n');
    const message = await failureOf(t.run());
    expect(message).toBe("Migration 001_broken failed and was rolled back: first line second line (SQLSTATE P0001)");
    // Not even _prisma_migrations: it was created in the failed migration's transaction.
    expect(await tables(t)).toEqual([]);
  });

  it("refuses, before applying anything, when an applied migration's file was edited", async () => {
    const t = await setup();
    t.write("001_a", A);
    await t.run();
    t.write("001_a", A.replace('"id" TEXT', '"key" TEXT'));
    t.write("002_b", B);

    await expect(t.run()).rejects.toThrow(/^Migration 001_a was edited after it was applied/);
    expect(await tables(t)).toEqual(["A", "_prisma_migrations"]);
    expect(await rows(t)).toHaveLength(1);
  });

  it("refuses while a migration is recorded as failed, and re-applies one marked rolled back", async () => {
    const t = await setup();
    t.write("001_a", A);
    await t.run();
    await t.query('UPDATE "_prisma_migrations" SET finished_at = NULL');
    t.write("002_b", B);

    await expect(t.run()).rejects.toThrow(/^Migration 001_a failed in an earlier run/);
    expect(await tables(t)).toEqual(["A", "_prisma_migrations"]);

    await t.query('UPDATE "_prisma_migrations" SET rolled_back_at = now()');
    await t.query('DROP TABLE "A"');
    await expect(t.run()).resolves.toEqual({ applied: ["001_a", "002_b"], alreadyApplied: 0 });
    expect(await rows(t)).toHaveLength(3);
  });

  it("refuses a database that has tables but no _prisma_migrations", async () => {
    const t = await setup();
    t.write("001_a", A);
    await t.query('CREATE TABLE "Legacy" ("id" TEXT)');
    await expect(t.run()).rejects.toThrow(/already has tables \(e\.g\. "Legacy"\) but no _prisma_migrations/);
    expect(await tables(t)).toEqual(["Legacy"]);
  });

  it("refuses a postgresql folder with a file: URL, and a sqlite folder with a postgres URL", async () => {
    const t = await setup();
    t.write("001_a", A);
    const file = path.join(t.root, "test.db");
    await expect(migrate({ url: `file:${file}`, migrationsDir: t.migrationsDir })).rejects.toThrow(
      /holds postgresql migrations, but DATABASE_URL names a sqlite database/,
    );
    expect(fs.existsSync(file)).toBe(false);

    const sqliteFolder = await setup("sqlite");
    sqliteFolder.write("001_a", A);
    await expect(sqliteFolder.run()).rejects.toThrow(/holds sqlite migrations, but DATABASE_URL names a postgresql database/);
    expect(await tables(sqliteFolder)).toEqual([]);
  });

  it("reports an unreachable server in one line, without the password", async () => {
    const t = await setup();
    t.write("001_a", A);
    // Port 1: nothing listens there, so the connection is refused at once.
    const url = "postgres://tracker:s3cret-pw@127.0.0.1:1/tracker";
    const message = await failureOf(migrate({ url, migrationsDir: t.migrationsDir }));
    expect(message).toMatch(/^Cannot connect to PostgreSQL at postgres:\/\/tracker:\*\*\*@127\.0\.0\.1:1\/tracker: .*ECONNREFUSED/);
    expect(message).not.toContain("s3cret-pw");
    expect(message).not.toContain("\n");
  });
});
