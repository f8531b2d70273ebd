/**
 * Guards against drift: the database built from the committed migrations must be the one the
 * generated client expects. Nothing else checks this, because the SQL is written offline
 * (docs/decisions/002-own-migration-runner.md).
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaClient } from "./generated/sqlite/client";
import { migrate } from "./migrate";

const root = path.resolve(__dirname, "../..");
const committedMigrations = path.join(root, "prisma/migrations");

// ---- The data model the client was generated from, as Prisma's DMMF ----

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
}

/** The schema text the generated client embeds (its `inlineSchema`). */
function generatedClientSchema(): string {
  const classFile = path.join(__dirname, "generated/sqlite/internal/class.ts");
  const literal = /"inlineSchema": ("(?:[^"\\]|\\.)*")/.exec(fs.readFileSync(classFile, "utf8"))?.[1];
  if (!literal) throw new Error(`No inlineSchema in ${classFile}: did the generator's output change?`);
  const schema: unknown = JSON.parse(literal);
  if (typeof schema !== "string") throw new Error("inlineSchema is not a string");
  return schema;
}

/** The wasm-bindgen ABI of prisma-schema-wasm's get_dmmf, as the Prisma CLI ships it. */
interface SchemaWasm {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_start(): void;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

/**
 * Prisma's own DMMF for a schema, from the schema wasm inside the installed `prisma` CLI
 * (what `@prisma/internals`' getDMMF calls; that package is not a dependency here).
 */
function getDmmf(schema: string): Dmmf {
  const wasmFile = path.join(root, "node_modules/prisma/build/prisma_schema_build_bg.wasm");
  const wasmModule = new WebAssembly.Module(fs.readFileSync(wasmFile));
  // The imports run only once `wasm` (below) exists: from __wbindgen_start on.
  const text = (ptr: number, len: number) => new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, ptr >>> 0, len));
  const imports: Record<string, (...args: number[]) => unknown> = {
    __wbg_Error_: (ptr, len) => new Error(text(ptr, len)),
    __wbg___wbindgen_throw_: (ptr, len) => {
      throw new Error(text(ptr, len));
    },
    __wbg_set_message_: (ptr, len) => {
      throw new Error(`prisma-schema-wasm panicked: ${text(ptr, len)}`);
    },
    __wbindgen_init_externref_table: () => {
      // wasm-bindgen's constant slots: undefined, null, true, false.
      const table = wasm.__wbindgen_externrefs;
      const base = table.grow(4);
      table.set(base + 1, null);
      table.set(base + 2, true);
      table.set(base + 3, false);
    },
  };
  // The import names carry a hash that changes between Prisma versions; match by prefix.
  const importObject: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const { module: mod, name } of WebAssembly.Module.imports(wasmModule)) {
    const impl = Object.entries(imports).find(([prefix]) => name.startsWith(prefix))?.[1];
    if (!impl) throw new Error(`${wasmFile} wants an unknown import ${name}: update getDmmf for this Prisma version`);
    (importObject[mod] ??= {})[name] = impl;
  }
  // The exports' shape is the wasm-bindgen ABI described by SchemaWasm; wasm has no types to check.
  const wasm = new WebAssembly.Instance(wasmModule, importObject).exports as unknown as SchemaWasm;
  wasm.__wbindgen_start();

  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: schema, noColor: true }));
  const ptr = wasm.__wbindgen_malloc(input.length, 1);
  new Uint8Array(wasm.memory.buffer, ptr, input.length).set(input);
  const [outPtr, outLen, errorRef, failed] = wasm.get_dmmf(ptr, input.length);
  if (failed) throw new Error(`get_dmmf failed: ${String(wasm.__wbindgen_externrefs.get(errorRef))}`);
  const json = text(outPtr, outLen);
  wasm.__wbindgen_free(outPtr, outLen, 1);
  const dmmf: Dmmf = JSON.parse(json);
  return dmmf;
}

// ---- Comparing a database against the DMMF ----

/** The column types Prisma's schema engine writes for SQLite (prisma-engines' sqlite renderer). */
const SQLITE_TYPES: Record<string, string> = {
  String: "TEXT",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "REAL",
  Decimal: "DECIMAL",
  Boolean: "BOOLEAN",
  DateTime: "DATETIME",
  Bytes: "BLOB",
};

const SQLITE_ON_DELETE: Record<string, string> = {
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};

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
  on_delete: string;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every way the database differs from the data model; empty when they match. */
function schemaProblems(db: Database.Database, dmmf: Dmmf): string[] {
  const problems: string[] = [];
  const modelsByName = new Map(dmmf.datamodel.models.map((m) => [m.name, m]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };
  const indexes = (table: string) =>
    db
      .prepare<[], IndexInfo>(`PRAGMA index_list("${table}")`)
      .all()
      .map((index) => ({
        unique: index.unique === 1,
        columns: db
          .prepare<[], { name: string }>(`PRAGMA index_info("${index.name}")`)
          .all()
          .map((c) => c.name),
      }));

  for (const model of dmmf.datamodel.models) {
    const table = tableOf(model);
    const columns = db.prepare<[], ColumnInfo>(`PRAGMA table_info("${table}")`).all();
    if (columns.length === 0) {
      problems.push(`${model.name}: table "${table}" is missing`);
      continue;
    }
    const scalars = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    for (const field of scalars) {
      const name = field.dbName ?? field.name;
      const column = columns.find((c) => c.name === name);
      if (!column) {
        problems.push(`${model.name}.${field.name}: column "${name}" is missing`);
        continue;
      }
      if ((column.notnull === 1) !== field.isRequired) {
        problems.push(`${model.name}.${field.name}: column is ${column.notnull ? "NOT NULL" : "nullable"}, the schema says ${field.isRequired ? "required" : "optional"}`);
      }
      const expected = field.kind === "enum" ? "TEXT" : SQLITE_TYPES[field.type];
      if (expected === undefined) problems.push(`${model.name}.${field.name}: no SQLite type known for ${field.type}; extend SQLITE_TYPES`);
      else if (column.type.toUpperCase() !== expected) problems.push(`${model.name}.${field.name}: column type is ${column.type}, expected ${expected}`);
    }
    const fieldColumns = new Set(scalars.map((f) => f.dbName ?? f.name));
    for (const column of columns) {
      if (!fieldColumns.has(column.name)) problems.push(`${model.name}: column "${column.name}" is not in the schema`);
    }

    const tableIndexes = indexes(table);
    for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
      const wanted = index.fields.map((f) => columnOf(model, f.name));
      const label = `${model.name}: ${index.type} index on (${wanted.join(", ")})`;
      if (index.type === "id") {
        const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
        if (!sameList(pk, wanted)) problems.push(`${label}: primary key is (${pk.join(", ")})`);
      } else if (!tableIndexes.some((i) => sameList(i.columns, wanted) && (index.type !== "unique" || i.unique))) {
        problems.push(`${label} is missing`);
      }
    }

    const foreignKeys = db.prepare<[], ForeignKeyInfo>(`PRAGMA foreign_key_list("${table}")`).all();
    for (const field of model.fields.filter((f) => f.relationFromFields?.length)) {
      const target = modelsByName.get(field.type);
      if (!target) continue;
      const from = (field.relationFromFields ?? []).map((name) => columnOf(model, name));
      const to = (field.relationToFields ?? []).map((name) => columnOf(target, name));
      const match = [...new Set(foreignKeys.map((fk) => fk.id))].some((id) => {
        const parts = foreignKeys.filter((fk) => fk.id === id).sort((a, b) => a.seq - b.seq);
        const onDelete = field.relationOnDelete ? SQLITE_ON_DELETE[field.relationOnDelete] : undefined;
        return (
          parts[0]?.table === tableOf(target) &&
          sameList(parts.map((p) => p.from), from) &&
          sameList(parts.map((p) => p.to), to) &&
          (onDelete === undefined || parts[0]?.on_delete === onDelete)
        );
      });
      if (!match) {
        problems.push(`${model.name}.${field.name}: foreign key (${from.join(", ")}) → ${tableOf(target)}(${to.join(", ")}) ON DELETE ${field.relationOnDelete ?? "default"} is missing`);
      }
    }
  }

  const known = new Set([...dmmf.datamodel.models.map(tableOf), "_prisma_migrations"]);
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  for (const { name } of tables) if (!known.has(name)) problems.push(`table "${name}" is not in the schema`);
  return problems;
}

// ---- The tests ----

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Migrates a fresh temp database from `migrationsDir` and returns its file. */
async function migratedDatabase(migrationsDir: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-schema-"));
  temps.push(dir);
  const file = path.join(dir, "schema.db");
  await migrate({ url: `file:${file}`, migrationsDir });
  return file;
}

function problemsOf(file: string, dmmf: Dmmf): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return schemaProblems(db, dmmf);
  } finally {
    db.close();
  }
}

describe("the committed migrations build the schema the client was generated from", () => {
  const schema = generatedClientSchema();
  const dmmf = getDmmf(schema);

  it("uses a generated client that is current with prisma/schema.prisma (else: npm run db:generate)", () => {
    expect(schema).toBe(fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8"));
  });

  it("has every table, column, nullability, type, key, index and foreign key the data model has, and nothing else", async () => {
    expect(dmmf.datamodel.models.length).toBeGreaterThan(0);
    expect(problemsOf(await migratedDatabase(committedMigrations), dmmf)).toEqual([]);
  });

  it("notices when the SQL drifts from the data model", async () => {
    // A copy of the committed migrations with mistakes a hand edit could make.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-drift-"));
    temps.push(dir);
    fs.cpSync(committedMigrations, dir, { recursive: true });
    const init = fs.readdirSync(dir).find((name) => name.endsWith("_init"));
    if (!init) throw new Error("expected an _init migration");
    const file = path.join(dir, init, "migration.sql");
    const sql = fs.readFileSync(file, "utf8");
    const broken = sql
      .replace(/\s*"customerName" TEXT NOT NULL,/, "")
      .replace(/"note" TEXT,/, '"note" TEXT NOT NULL,')
      .replace(/CREATE UNIQUE INDEX "Order_code_key"[^;]*;/, "")
      .replace(/ON DELETE SET NULL/, "ON DELETE CASCADE");
    expect(broken).not.toBe(sql);
    fs.writeFileSync(file, broken);

    const problems = problemsOf(await migratedDatabase(dir), dmmf);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Order.customerName: column "customerName" is missing',
        "Order.note: column is NOT NULL, the schema says optional",
        "Order: unique index on (code) is missing",
        expect.stringMatching(/^OrderEvent\.actor: foreign key \(actorId\) → StaffUser\(id\) ON DELETE SetNull is missing$/),
      ]),
    );
  });

  it("round-trips one row of every model through the generated client", async () => {
    const file = await migratedDatabase(committedMigrations);
    const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
    try {
      const staffUser = await prisma.staffUser.create({
        data: { id: "user-1", email: "staff@example.test", name: "Sam", passwordHash: "hash" },
      });
      const order = await prisma.order.create({
        data: {
          id: "order-1",
          code: "A7K2Q",
          trackingToken: "token-1",
          customerName: "Ada",
          items: JSON.stringify([{ name: "Margherita pizza", quantity: 1 }]),
          note: "no basil",
          status: "placed",
        },
      });
      const orderEvent = await prisma.orderEvent.create({
        data: { orderId: order.id, type: "status", status: "confirmed", previousStatus: "placed", version: 2, actorId: staffUser.id },
      });
      const staffSession = await prisma.staffSession.create({
        data: { id: "session-1", userId: staffUser.id, expiresAt: new Date("2030-01-01T00:00:00.000Z") },
      });
      const written: Record<string, object> = { StaffUser: staffUser, Order: order, OrderEvent: orderEvent, StaffSession: staffSession };
      // A new model must be added here too.
      expect(Object.keys(written).sort()).toEqual(dmmf.datamodel.models.map((m) => m.name).sort());

      expect(await prisma.staffUser.findUniqueOrThrow({ where: { email: "staff@example.test" } })).toEqual(staffUser);
      expect(await prisma.order.findUniqueOrThrow({ where: { trackingToken: "token-1" } })).toEqual(order);
      expect(await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id } })).toEqual(orderEvent);
      expect(await prisma.staffSession.findUniqueOrThrow({ where: { id: "session-1" } })).toEqual(staffSession);
      expect(order).toMatchObject({ version: 1, note: "no basil" });
      expect(order.createdAt).toBeInstanceOf(Date);
      expect(orderEvent.id).toBeGreaterThan(0);
    } finally {
      await prisma.$disconnect();
    }
  });
});
