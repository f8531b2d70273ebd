/**
 * Guards against drift on SQLite: the database built from prisma/migrations must be the one the
 * generated SQLite client expects (the checks: test/support/schema-suite.ts; the PostgreSQL twin:
 * schema-matches.pg.test.ts). Here the database is read back through SQLite's PRAGMAs.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "./migrate";
import type { DatabaseShape, ReferentialAction, TableShape } from "@/test/support/schema-compare";
import { describeSchemaMatches } from "@/test/support/schema-suite";
import { sqliteFilePath } from "./url";

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface IndexInfo {
  name: string;
  unique: number;
}
interface ForeignKeyInfo {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string;
  on_delete: ReferentialAction;
}

function introspect(db: Database.Database): DatabaseShape {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return new Map(
    tables.map(({ name }): [string, TableShape] => {
      const columns = db.prepare<[], ColumnInfo>(`PRAGMA table_info("${name}")`).all();
      // PRAGMA foreign_key_list gives one row per column of each key: gather them by key id, in column order.
      const foreignKeys = new Map<number, TableShape["foreignKeys"][number]>();
      const rows = db.prepare<[], ForeignKeyInfo>(`PRAGMA foreign_key_list("${name}")`).all();
      for (const row of rows.sort((a, b) => a.seq - b.seq)) {
        const key = foreignKeys.get(row.id) ?? { table: row.table, columns: [], referencedColumns: [], onDelete: row.on_delete };
        key.columns.push(row.from);
        key.referencedColumns.push(row.to);
        foreignKeys.set(row.id, key);
      }
      return [
        name,
        {
          columns: columns.map((c) => ({ name: c.name, type: c.type, notNull: c.notnull === 1 })),
          primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
          indexes: db
            .prepare<[], IndexInfo>(`PRAGMA index_list("${name}")`)
            .all()
            .map((index) => ({
              unique: index.unique === 1,
              columns: db
                .prepare<[], { name: string }>(`PRAGMA index_info("${index.name}")`)
                .all()
                .map((c) => c.name),
            })),
          foreignKeys: [...foreignKeys.values()],
        },
      ];
    }),
  );
}

describeSchemaMatches({
  provider: "sqlite",
  async migratedDatabase(migrationsDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-schema-"));
    const url = `file:${path.join(dir, "schema.db")}`;
    const cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    await migrate({ url, migrationsDir }).catch(async (error: unknown) => {
      await cleanup();
      throw error;
    });
    return { url, cleanup };
  },
  async introspect(url) {
    const db = new Database(sqliteFilePath(url), { readonly: true });
    try {
      return introspect(db);
    } finally {
      db.close();
    }
  },
});
