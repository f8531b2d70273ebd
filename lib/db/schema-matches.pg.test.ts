/**
 * Guards against drift on PostgreSQL: the database built from prisma/postgresql/migrations must be
 * the one the generated PostgreSQL client expects (the checks: test/support/schema-suite.ts; the SQLite twin:
 * schema-matches.test.ts). Here the database is read back from PostgreSQL's catalog, each test on
 * a throwaway database of its own.
 */
import pg from "pg";
import { migrate } from "./migrate";
import { createPostgresDatabase, dropPostgresDatabase, testPostgresAdminUrl } from "@/test/support/postgres-admin";
import type { DatabaseShape, ReferentialAction, TableShape } from "@/test/support/schema-compare";
import { describeSchemaMatches } from "@/test/support/schema-suite";

/** pg_constraint.confdeltype's codes. */
const ON_DELETE_CODES: Readonly<Record<string, ReferentialAction>> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

// Attribute numbers to column names, in key order. Cast to text[]: pg parses text[] into an
// array, but returns name[] as its raw string.
const columnNames = (relation: string, attnums: string) => `array(
  SELECT a.attname::text FROM unnest(${attnums}) WITH ORDINALITY AS key(attnum, n)
  JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = key.attnum ORDER BY key.n)`;

/** The current schema's tables, as the catalog describes them. */
async function introspect(client: pg.Client): Promise<DatabaseShape> {
  const columns = await client.query<{ table: string; name: string; type: string; not_null: boolean }>(
    // format_type() spells a type as PostgreSQL's own DDL would (e.g. `timestamp(3) without time zone`);
    // an enum column's type is the enum's bare name, as Prisma's @@map gives it.
    `SELECT c.relname AS table, a.attname AS name, a.attnotnull AS not_null,
            CASE WHEN t.typtype = 'e' THEN t.typname::text ELSE format_type(a.atttypid, a.atttypmod) END AS type
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
  );
  const indexes = await client.query<{ table: string; columns: string[]; unique: boolean; primary: boolean }>(
    `SELECT c.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
            ${columnNames("i.indrelid", "i.indkey::int2[]")} AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relnamespace = current_schema()::regnamespace`,
  );
  const foreignKeys = await client.query<{ table: string; columns: string[]; target: string; target_columns: string[]; on_delete: string }>(
    `SELECT c.relname AS table, t.relname AS target, con.confdeltype AS on_delete,
            ${columnNames("con.conrelid", "con.conkey")} AS columns,
            ${columnNames("con.confrelid", "con.confkey")} AS target_columns
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class t ON t.oid = con.confrelid
      WHERE con.contype = 'f' AND c.relnamespace = current_schema()::regnamespace`,
  );

  const shape: DatabaseShape = new Map();
  const tableShape = (name: string): TableShape => {
    const existing = shape.get(name);
    if (existing) return existing;
    const created: TableShape = { columns: [], primaryKey: [], indexes: [], foreignKeys: [] };
    shape.set(name, created);
    return created;
  };
  for (const c of columns.rows) tableShape(c.table).columns.push({ name: c.name, type: c.type, notNull: c.not_null });
  for (const i of indexes.rows) {
    const table = tableShape(i.table);
    if (i.primary) table.primaryKey = i.columns;
    table.indexes.push({ columns: i.columns, unique: i.unique });
  }
  for (const fk of foreignKeys.rows) {
    const onDelete = ON_DELETE_CODES[fk.on_delete];
    if (!onDelete) throw new Error(`Unknown pg_constraint.confdeltype "${fk.on_delete}"`);
    tableShape(fk.table).foreignKeys.push({ table: fk.target, columns: fk.columns, referencedColumns: fk.target_columns, onDelete });
  }
  return shape;
}

describeSchemaMatches({
  provider: "postgresql",
  async migratedDatabase(migrationsDir) {
    const admin = testPostgresAdminUrl();
    const url = await createPostgresDatabase(admin, "tracker_schema");
    const cleanup = () => dropPostgresDatabase(admin, url);
    await migrate({ url, migrationsDir }).catch(async (error: unknown) => {
      await cleanup();
      throw error;
    });
    return { url, cleanup };
  },
  async introspect(url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await introspect(client);
    } finally {
      await client.end();
    }
  },
});
