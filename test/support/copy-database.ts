/**
 * What a copy of the database (a backup, a dump, a stolen file) shows whoever holds it: every
 * row of every table, read straight through the driver, so columns the data model does not know
 * are read too. For tests that assert what such a copy must never contain.
 *
 * No `server-only` import: tests run this outside Next.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import pg from "pg";
import { providerOf } from "../../lib/db/provider";
import { sqliteFilePath } from "../../lib/db/url";

export interface DatabaseCopy {
  /** Each table's rows, each cell as text (a blob as Latin-1, so any ASCII inside it shows). */
  tables: Map<string, Record<string, string | null>[]>;
  /**
   * SQLite: the database file and its write-ahead log, byte for byte, free pages included.
   * PostgreSQL: none; its files belong to the server.
   */
  files: Buffer[];
}

function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString("latin1");
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function textRow(row: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, cellText(value)]));
}

export async function copyDatabase(url: string): Promise<DatabaseCopy> {
  return providerOf(url) === "postgresql" ? copyPostgres(url) : copySqlite(url);
}

/** Every cell of the copy, in no particular order. */
export function everyCell(copy: DatabaseCopy): string[] {
  return [...copy.tables.values()].flatMap((rows) => rows.flatMap((row) => Object.values(row))).filter((v) => v !== null);
}

function copySqlite(url: string): DatabaseCopy {
  const file = sqliteFilePath(url);
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const tables = new Map(
      names.map(({ name }) => [
        name,
        db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all().map(textRow),
      ]),
    );
    const files = [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    return { tables, files };
  } finally {
    db.close();
  }
}

async function copyPostgres(url: string): Promise<DatabaseCopy> {
  const client = new pg.Client({ connectionString: url, application_name: "tracker-copy" });
  await client.connect();
  try {
    const names = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const tables = new Map<string, Record<string, string | null>[]>();
    for (const { table_name: name } of names.rows) {
      const rows = await client.query<Record<string, unknown>>(`SELECT * FROM ${pg.escapeIdentifier(name)}`);
      tables.set(name, rows.rows.map(textRow));
    }
    return { tables, files: [] };
  } finally {
    await client.end();
  }
}
