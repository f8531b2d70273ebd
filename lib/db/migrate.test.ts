import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, migrationChecksum } from "./migrate";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp dir with its own migrations folder and a database URL inside it. */
function setup(provider = "sqlite") {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-migrate-"));
  temps.push(root);
  const migrationsDir = path.join(root, "migrations");
  fs.mkdirSync(migrationsDir);
  fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), `provider = "${provider}"\n`);
  const file = path.join(root, "nested", "dir", "test.db");
  return {
    root,
    migrationsDir,
    file,
    url: `file:${file}`,
    write(name: string, sql: string) {
      fs.mkdirSync(path.join(migrationsDir, name), { recursive: true });
      fs.writeFileSync(path.join(migrationsDir, name, "migration.sql"), sql);
    },
    run() {
      return migrate({ url: `file:${file}`, migrationsDir });
    },
    /** Reads the database with a separate connection, closed before returning. */
    inspect<T>(fn: (db: Database.Database) => T): T {
      const db = new Database(file, { readonly: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
  };
}

type Setup = ReturnType<typeof setup>;

const tables = (t: Setup) =>
  t.inspect((db) =>
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((r) => r.name),
  );

interface Row {
  id: string;
  checksum: string;
  finished_at: number | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: number | null;
  started_at: number;
  applied_steps_count: number;
}
const rows = (t: Setup) =>
  t.inspect((db) => db.prepare<[], Row>("SELECT * FROM _prisma_migrations ORDER BY migration_name").all());

const A = 'CREATE TABLE "A" ("id" TEXT NOT NULL PRIMARY KEY);\n';
const B = 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "aId" TEXT NOT NULL);\n';

describe("migrate", () => {
  it("applies every migration to a fresh database, in folder order, with Prisma's bookkeeping", async () => {
    const t = setup();
    t.write("002_b", B);
    t.write("001_a", A);

    await expect(t.run()).resolves.toEqual({ applied: ["001_a", "002_b"], alreadyApplied: 0 });

    expect(tables(t)).toEqual(["A", "B", "_prisma_migrations"]);
    const [a, b] = rows(t);
    expect(a).toMatchObject({ migration_name: "001_a", checksum: migrationChecksum(A), logs: null, rolled_back_at: null, applied_steps_count: 1 });
    expect(b).toMatchObject({ migration_name: "002_b", checksum: migrationChecksum(B) });
    expect(a?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a?.finished_at).toBeGreaterThanOrEqual(a?.started_at ?? Infinity);
  });

  it("keeps the _prisma_migrations table exactly as Prisma creates it", async () => {
    const t = setup();
    t.write("001_a", A);
    await t.run();
    const columns = t.inspect((db) =>
      db.prepare<[], { name: string; type: string; notnull: number; pk: number }>("PRAGMA table_info(_prisma_migrations)").all(),
    );
    expect(columns.map((c) => [c.name, c.type, c.notnull, c.pk])).toEqual([
      ["id", "TEXT", 1, 1],
      ["checksum", "TEXT", 1, 0],
      ["finished_at", "DATETIME", 0, 0],
      ["migration_name", "TEXT", 1, 0],
      ["logs", "TEXT", 0, 0],
      ["rolled_back_at", "DATETIME", 0, 0],
      ["started_at", "DATETIME", 1, 0],
      ["applied_steps_count", "INTEGER UNSIGNED", 1, 0],
    ]);
  });

  it("applies nothing the second time, and only the new migration after one is added", async () => {
    const t = setup();
    t.write("001_a", A);
    await t.run();

    await expect(t.run()).resolves.toEqual({ applied: [], alreadyApplied: 1 });
    t.write("002_b", B);
    await expect(t.run()).resolves.toEqual({ applied: ["002_b"], alreadyApplied: 1 });
    expect(rows(t)).toHaveLength(2);
  });

  it("refuses, before applying anything, when an applied migration's file was edited", async () => {
    const t = setup();
    t.write("001_a", A);
    await t.run();
    t.write("001_a", A.replace('"id"', '"key"'));
    t.write("002_b", B);

    await expect(t.run()).rejects.toThrow(/^Migration 001_a was edited after it was applied/);
    expect(tables(t)).toEqual(["A", "_prisma_migrations"]);
    expect(rows(t)).toHaveLength(1);
  });

  it("accepts an applied migration whose line endings git rewrote, as Prisma does", async () => {
    const t = setup();
    t.write("001_a", A);
    await t.run();
    t.write("001_a", A.replaceAll("\n", "\r\n"));
    await expect(t.run()).resolves.toEqual({ applied: [], alreadyApplied: 1 });
  });

  it("rolls a broken migration back completely and names it in a one-line error", async () => {
    const t = setup();
    t.write("001_a", A);
    t.write("002_broken", 'CREATE TABLE "Half" ("id" TEXT);\nCREAT TABLE "Oops" ("id" TEXT);\n');

    const error = await t.run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = error instanceof Error ? error.message : "";
    expect(message).toMatch(/^Migration 002_broken failed and was rolled back: .*syntax error.*\(SQLITE_ERROR\)$/);
    expect(message).not.toContain("\n");

    // 001_a stays applied (its own transaction); nothing of 002_broken remains, not even its row.
    expect(tables(t)).toEqual(["A", "_prisma_migrations"]);
    expect(rows(t).map((r) => r.migration_name)).toEqual(["001_a"]);

    t.write("002_broken", 'CREATE TABLE "Half" ("id" TEXT);\n');
    await expect(t.run()).resolves.toEqual({ applied: ["002_broken"], alreadyApplied: 1 });
  });

  it("leaves a fresh database empty when its first migration fails", async () => {
    const t = setup();
    t.write("001_broken", 'CREATE TABLE "A" ("id" TEXT);\nINSERT INTO "Nope" VALUES (1);\n');
    await expect(t.run()).rejects.toThrow(/^Migration 001_broken failed and was rolled back: no such table: Nope/);
    expect(tables(t)).toEqual([]);
  });

  it("refuses while a migration is recorded as failed (unfinished, not rolled back)", async () => {
    const t = setup();
    t.write("001_a", A);
    await t.run();
    const db = new Database(t.file);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL").run();
    db.close();
    t.write("002_b", B);

    await expect(t.run()).rejects.toThrow(/^Migration 001_a failed in an earlier run/);
    expect(tables(t)).toEqual(["A", "_prisma_migrations"]);
  });

  it("re-applies a migration whose row was marked rolled back", async () => {
    const t = setup();
    t.write("001_a", A);
    await t.run();
    const db = new Database(t.file);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL, rolled_back_at = 1").run();
    db.exec('DROP TABLE "A"');
    db.close();

    await expect(t.run()).resolves.toEqual({ applied: ["001_a"], alreadyApplied: 0 });
    expect(rows(t)).toHaveLength(2);
  });

  it("rebuilds a parent table the way Prisma's SQLite migrations do without cascading into its children", async () => {
    const t = setup();
    t.write(
      "001_init",
      'CREATE TABLE "P" ("id" TEXT NOT NULL PRIMARY KEY);\n' +
        'CREATE TABLE "C" ("id" TEXT NOT NULL PRIMARY KEY, "pId" TEXT NOT NULL, CONSTRAINT "C_pId_fkey" FOREIGN KEY ("pId") REFERENCES "P" ("id") ON DELETE CASCADE);\n' +
        "INSERT INTO \"P\" VALUES ('p1');\nINSERT INTO \"C\" VALUES ('c1', 'p1');\n",
    );
    // What `prisma migrate diff` emits for SQLite's "RedefineTables".
    t.write(
      "002_redefine",
      "PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\n" +
        'CREATE TABLE "new_P" ("id" TEXT NOT NULL PRIMARY KEY, "label" TEXT NOT NULL DEFAULT \'\');\n' +
        'INSERT INTO "new_P" ("id") SELECT "id" FROM "P";\nDROP TABLE "P";\nALTER TABLE "new_P" RENAME TO "P";\n' +
        "PRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n",
    );
    await t.run();
    expect(t.inspect((db) => db.prepare('SELECT * FROM "C"').all())).toEqual([{ id: "c1", pId: "p1" }]);
  });

  it("refuses a migration that leaves broken foreign keys", async () => {
    const t = setup();
    t.write(
      "001_init",
      'CREATE TABLE "P" ("id" TEXT NOT NULL PRIMARY KEY);\n' +
        'CREATE TABLE "C" ("id" TEXT NOT NULL PRIMARY KEY, "pId" TEXT NOT NULL REFERENCES "P" ("id"));\n' +
        "INSERT INTO \"C\" VALUES ('c1', 'missing');\n",
    );
    await expect(t.run()).rejects.toThrow(/^Migration 001_init failed and was rolled back: .*"C".*"P"/);
    expect(tables(t)).toEqual([]);
  });

  it("offers migrations PostgreSQL's sha256(): text hashed as UTF-8, NULL kept, anything else refused", async () => {
    const t = setup();
    t.write(
      "001_hash",
      'CREATE TABLE "H" ("input" TEXT, "hash" TEXT);\n' +
        "INSERT INTO \"H\" VALUES ('abc', NULL), ('é', NULL), (NULL, NULL);\n" +
        'UPDATE "H" SET "hash" = lower(hex(sha256("input"))) WHERE sha256("input") IS NOT NULL;\n',
    );
    await t.run();
    expect(t.inspect((db) => db.prepare('SELECT "input", "hash" FROM "H" ORDER BY rowid').all())).toEqual([
      // FIPS 180-2's "abc" vector; "é" is the two bytes C3 A9.
      { input: "abc", hash: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
      { input: "é", hash: createHash("sha256").update(Buffer.from([0xc3, 0xa9])).digest("hex") },
      { input: null, hash: null },
    ]);

    t.write("002_number", 'UPDATE "H" SET "hash" = sha256(42);\n');
    await expect(t.run()).rejects.toThrow(/^Migration 002_number failed and was rolled back: sha256\(\) takes text or a blob/);
  });

  it("zeroes what a migration deletes, so the file keeps no copy of it in free space", async () => {
    const t = setup();
    const secret = "a raw secret that must not outlive its migration";
    t.write(
      "001_a",
      `CREATE TABLE "S" ("v" TEXT);\n` +
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO "S" SELECT '${secret}' || i FROM n;\n`,
    );
    t.write("002_drop", 'DROP TABLE "S";\n');
    await t.run();
    const files = [t.file, `${t.file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((bytes) => bytes.includes(secret))).toBe(false);
  });

  it("turns on WAL (persistently) and creates the database's directory", async () => {
    const t = setup();
    t.write("001_a", A);
    await t.run();
    expect(fs.existsSync(t.file)).toBe(true);
    expect(t.inspect((db) => db.pragma("journal_mode", { simple: true }))).toBe("wal");
  });

  it("refuses a database that has tables but no _prisma_migrations", async () => {
    const t = setup();
    t.write("001_a", A);
    fs.mkdirSync(path.dirname(t.file), { recursive: true });
    const db = new Database(t.file);
    db.exec('CREATE TABLE "Legacy" ("id" TEXT)');
    db.close();
    await expect(t.run()).rejects.toThrow(/already has tables \(e\.g\. "Legacy"\) but no _prisma_migrations/);
  });

  it("refuses a migrations folder locked to another provider than the URL's", async () => {
    const t = setup("postgresql");
    t.write("001_a", A);
    await expect(t.run()).rejects.toThrow(/holds postgresql migrations, but DATABASE_URL names a sqlite database/);
    expect(fs.existsSync(t.file)).toBe(false);
  });

  it("computes Prisma's checksum: lowercase hex SHA-256 of the file", () => {
    // The vector from prisma-engines' own checksum test.
    expect(migrationChecksum("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    expect(migrationChecksum(A)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("applies each migration exactly once when several processes migrate at the same time", async () => {
    const t = setup();
    const names = Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(3, "0")}_m`);
    for (const [i, name] of names.entries()) {
      // Slow enough (tens of ms each) that the processes overlap; a double apply fails on CREATE TABLE.
      t.write(
        name,
        `CREATE TABLE "T${i}" ("x" INTEGER NOT NULL);\n` +
          `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) INSERT INTO "T${i}" SELECT x FROM c;\n`,
      );
    }
    const script = path.join(t.root, "run.mts");
    fs.writeFileSync(
      script,
      `import { migrate } from ${JSON.stringify(path.resolve(__dirname, "migrate.ts"))};\n` +
        "console.log(JSON.stringify(await migrate({ url: process.argv[2], migrationsDir: process.argv[3] })));\n",
    );
    const tsx = path.resolve(__dirname, "../../node_modules/.bin/tsx");
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        promisify(execFile)(tsx, [script, t.url, t.migrationsDir]).then(
          ({ stdout }): { applied: string[] } => JSON.parse(stdout),
        ),
      ),
    );

    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    expect(rows(t).map((r) => r.migration_name)).toEqual(names);
  }, 60_000);
});
