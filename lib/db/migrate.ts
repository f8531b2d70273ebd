/**
 * Applies the committed migrations (prisma/migrations/<name>/migration.sql, Prisma's layout) and
 * keeps Prisma's own `_prisma_migrations` bookkeeping, so `prisma migrate status|deploy` agree
 * wherever Prisma's schema engine can run. Why not Prisma's runner:
 * docs/decisions/002-own-migration-runner.md.
 *
 * No `server-only` import: the CLI scripts run this under tsx.
 */
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { providerOf, type Provider } from "./provider";
import { sqliteFilePath } from "./url";

/** Each provider's migration folder, relative to the project root (Prisma's layout in each). */
export const MIGRATIONS_DIRS: Readonly<Record<Provider, string>> = {
  sqlite: "prisma/migrations",
  postgresql: "prisma/postgresql/migrations",
};

export interface MigrateOptions {
  /** DATABASE_URL: `file:` (SQLite) or `postgres://` (PostgreSQL). */
  url: string;
  /** Defaults to the URL's provider's folder in MIGRATIONS_DIRS, under the working directory. */
  migrationsDir?: string;
  /** Receives warnings (e.g. a migration the database knows but the folder lacks). */
  log?: (line: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations this run applied, in order. */
  applied: string[];
  /** How many of the folder's migrations were already applied. */
  alreadyApplied: number;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A `_prisma_migrations` row, as far as deciding what to apply needs it. */
export interface MigrationRecord {
  migration_name: string;
  checksum: string;
  finished_at: Date | number | string | null;
  rolled_back_at: Date | number | string | null;
}

/**
 * What migrate() needs from a database; one implementation per migration_lock.toml provider.
 */
interface MigrationTarget {
  /**
   * In one transaction holding the database's write lock: read the bookkeeping (creating its
   * table on a fresh database), let `choose` pick the next migration, then apply it together
   * with its bookkeeping row. Returns the applied name, or null when `choose` picked none.
   */
  step(choose: (records: MigrationRecord[]) => Migration | null): Promise<string | null>;
  close(): Promise<void>;
}

export async function migrate(opts: MigrateOptions): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const urlProvider = providerOf(opts.url);
  const dir = opts.migrationsDir ?? path.join(process.cwd(), MIGRATIONS_DIRS[urlProvider]);
  const { provider, migrations } = readMigrations(dir);
  if (provider !== urlProvider) {
    throw new Error(`${dir} holds ${provider} migrations, but DATABASE_URL names a ${urlProvider} database.`);
  }
  const target = await openTarget(provider, opts.url);
  try {
    const applied: string[] = [];
    let warned = false;
    // One migration per transaction: a failure keeps the earlier ones, and a second process
    // waiting on the lock re-reads the bookkeeping before it decides anything.
    for (;;) {
      const name = await target.step((records) => {
        const plan = planMigrations(migrations, records);
        if (!warned && plan.unknown.length > 0) {
          log(`Warning: the database has applied migrations missing from ${dir}: ${plan.unknown.join(", ")}`);
        }
        warned = true;
        return plan.pending[0] ?? null;
      });
      if (name === null) break;
      applied.push(name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await target.close();
  }
}

/** Prisma's checksum of a migration script: SHA-256 of its UTF-8 bytes, lowercase hex. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/** Like Prisma, tolerates line endings that git rewrote (CRLF ⇄ LF). */
function checksumMatches(sql: string, checksum: string): boolean {
  return [sql, sql.replaceAll("\r\n", "\n"), sql.replaceAll("\n", "\r\n")].some(
    (variant) => migrationChecksum(variant) === checksum,
  );
}

export function readMigrations(dir: string): { provider: string; migrations: Migration[] } {
  const lockFile = path.join(dir, "migration_lock.toml");
  if (!fs.existsSync(lockFile)) throw new Error(`No migration_lock.toml in ${dir}: is that a Prisma migrations folder?`);
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(fs.readFileSync(lockFile, "utf8"))?.[1];
  if (!provider) throw new Error(`${lockFile} names no provider.`);

  const migrations = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(file)) throw new Error(`Migration folder ${name} has no migration.sql.`);
      const sql = fs.readFileSync(file, "utf8");
      return { name, sql, checksum: migrationChecksum(sql) };
    });
  return { provider, migrations };
}

/** Refuses edited or failed migrations; otherwise lists what is left to apply, in order. */
export function planMigrations(
  migrations: Migration[],
  records: MigrationRecord[],
): { pending: Migration[]; unknown: string[] } {
  // A rolled-back row is history only: Prisma applies that migration again.
  const live = records.filter((r) => r.rolled_back_at === null);
  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} failed in an earlier run (its _prisma_migrations row has no finished_at): ` +
        `repair the database by hand, then set that row's rolled_back_at (to re-run it) or finished_at (if it is now applied).`,
    );
  }
  const appliedChecksums = new Map(live.map((r) => [r.migration_name, r.checksum]));
  for (const m of migrations) {
    const checksum = appliedChecksums.get(m.name);
    if (checksum !== undefined && !checksumMatches(m.sql, checksum)) {
      throw new Error(
        `Migration ${m.name} was edited after it was applied (its checksum differs from _prisma_migrations): ` +
          `restore the file and put the change in a new migration. Nothing was applied.`,
      );
    }
  }
  const inFolder = new Set(migrations.map((m) => m.name));
  return {
    pending: migrations.filter((m) => !appliedChecksums.has(m.name)),
    unknown: [...appliedChecksums.keys()].filter((name) => !inFolder.has(name)),
  };
}

async function openTarget(provider: string, url: string): Promise<MigrationTarget> {
  switch (provider) {
    case "sqlite":
      return openSqlite(url);
    case "postgresql":
      return openPostgres(url);
    default:
      throw new Error(`migration_lock.toml names provider "${provider}"; this runner supports "sqlite" and "postgresql".`);
  }
}

// ---- SQLite ----

// Prisma's DDL for SQLite, verbatim (prisma-engines, sql-schema-connector/src/flavour/sqlite.rs),
// so the table is the one Prisma would have created.
const PRISMA_MIGRATIONS_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

/**
 * SQL functions PostgreSQL has and SQLite lacks, for migrations that transform existing data.
 * They exist only on the migrator's connection, so a migration may use them in statements that
 * run once, never in the schema (an index, view, trigger or default would fail on the app's
 * connections). A migration using one runs through this runner alone: Prisma's own
 * `migrate deploy` would stop at "no such function".
 */
function registerSqliteFunctions(db: Database.Database): void {
  // PostgreSQL's sha256(bytea) → bytea; text is hashed as its UTF-8 bytes, as convert_to(text,
  // 'UTF8') does there.
  db.function("sha256", { deterministic: true }, (value: unknown) => {
    if (value === null) return null;
    if (typeof value === "string" || Buffer.isBuffer(value)) return createHash("sha256").update(value).digest();
    throw new TypeError(`sha256() takes text or a blob, not ${typeof value}`);
  });
}

/** How long a second migrator (or the app) waits for the write lock before giving up. */
const BUSY_TIMEOUT_MS = 30_000;

function openSqlite(url: string): MigrationTarget {
  const file = sqliteFilePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma("journal_mode = WAL"); // persistent: stored in the file, so the app's connections get it too
  // Prisma's SQLite migrations alter a table by rebuilding it (create new, copy, drop old, rename).
  // With foreign keys enforced, dropping the old table would cascade-delete its children, and
  // SQLite ignores the scripts' own `PRAGMA foreign_keys=OFF` inside a transaction. So, as
  // SQLite's docs prescribe for schema changes, enforcement is off while migrating and
  // `foreign_key_check` must come back clean before each commit.
  db.pragma("foreign_keys = OFF");
  // Migrations rewrite data that must not survive them (raw tracking tokens, for one): freed
  // pages and cells are zeroed, so a copy of the file holds no remnant in its free space.
  db.pragma("secure_delete = ON");
  registerSqliteFunctions(db);

  const hasTable = db.prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?");
  const anyUserTable = db.prepare<[], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1",
  );

  function records(): MigrationRecord[] {
    if (!hasTable.get("_prisma_migrations")) {
      const existing = anyUserTable.get();
      if (existing) {
        // Prisma's P3005: applying the first migration over an unknown schema would fail or clobber it.
        throw new Error(
          `The database already has tables (e.g. "${existing.name}") but no _prisma_migrations table; ` +
            `refusing to migrate it. Use a fresh database file or baseline this one.`,
        );
      }
      db.exec(PRISMA_MIGRATIONS_DDL);
      return [];
    }
    return db
      .prepare<[], MigrationRecord>(
        "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
      )
      .all();
  }

  function apply(m: Migration): void {
    const startedAt = Date.now();
    try {
      db.exec(m.sql);
      const violation = db.prepare<[], { table: string; parent: string }>("PRAGMA foreign_key_check").get();
      if (violation) {
        throw new Error(`it leaves rows in "${violation.table}" pointing at missing "${violation.parent}" rows`);
      }
    } catch (error) {
      throw migrationFailed(m.name, error);
    }
    // Timestamps as Unix milliseconds: how Prisma itself writes DateTime values to SQLite.
    db.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    ).run(randomUUID(), m.checksum, Date.now(), m.name, startedAt);
  }

  const step = db.transaction((choose: (records: MigrationRecord[]) => Migration | null): string | null => {
    const next = choose(records());
    if (next === null) return null;
    apply(next);
    return next.name;
  });

  return {
    // BEGIN IMMEDIATE takes the write lock before reading the bookkeeping, so two migrators
    // cannot both decide to apply the same migration.
    step: async (choose) => step.immediate(choose),
    close: async () => {
      db.close();
    },
  };
}

// ---- PostgreSQL ----

// Prisma's DDL for PostgreSQL, verbatim (prisma-engines, sql-schema-connector/src/flavour/postgres.rs).
const PRISMA_MIGRATIONS_DDL_POSTGRES = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

// Any fixed 64-bit number, distinct from the event log's append lock (lib/orders/event-log/append.ts).
const MIGRATE_LOCK_KEY = 7231002;

async function openPostgres(url: string): Promise<MigrationTarget> {
  const client = new pg.Client({ connectionString: url, application_name: "tracker-migrate", connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to PostgreSQL at ${safeUrl(url)}: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
  // Session-level: held across the steps, so a second migrator (another instance starting at the
  // same moment) waits here, then re-reads the bookkeeping and finds nothing left to do.
  await client.query(`SELECT pg_advisory_lock(${MIGRATE_LOCK_KEY})`);

  async function records(): Promise<MigrationRecord[]> {
    const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
    if (!rows[0]?.exists) {
      const existing = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' LIMIT 1`,
      );
      const name = existing.rows[0]?.table_name;
      if (name) {
        throw new Error(
          `The database already has tables (e.g. "${name}") but no _prisma_migrations table; ` +
            `refusing to migrate it. Use a fresh database or baseline this one.`,
        );
      }
      await client.query(PRISMA_MIGRATIONS_DDL_POSTGRES);
      return [];
    }
    const result = await client.query<MigrationRecord>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    return result.rows;
  }

  return {
    async step(choose) {
      await client.query("BEGIN");
      try {
        const next = choose(await records());
        if (next !== null) {
          try {
            // No parameters: the simple protocol runs the script's statements in order.
            await client.query(next.sql);
          } catch (error) {
            throw migrationFailed(next.name, error);
          }
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
            // Both stamps from the server's clock: now() is when this transaction began,
            // clock_timestamp() is the moment the script has finished.
            [randomUUID(), next.checksum, next.name],
          );
        }
        await client.query("COMMIT");
        return next?.name ?? null;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
}

/** A connection URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    if (parsed.searchParams.has("password")) parsed.searchParams.set("password", "***");
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

function migrationFailed(name: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    error instanceof Database.SqliteError
      ? ` (${error.code})`
      : error instanceof pg.DatabaseError && error.code
        ? ` (SQLSTATE ${error.code})`
        : "";
  return new Error(`Migration ${name} failed and was rolled back: ${message.replace(/\s+/g, " ").trim()}${code}`, {
    cause: error,
  });
}
