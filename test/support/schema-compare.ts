/**
 * Compares a database with the data model a generated client was built from, for either
 * provider: each test introspects its database into a DatabaseShape (SQLite through PRAGMAs,
 * PostgreSQL through its catalog), and schemaProblems() lists every difference from Prisma's DMMF.
 * The SQL is written offline (docs/decisions/002-own-migration-runner.md), so nothing else
 * checks that it builds what the client expects.
 */
import fs from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA } from "../../lib/db/schema-files";
import type { Provider } from "../../lib/db/provider";

const root = path.resolve(__dirname, "../..");

// ---- The data model a client was generated from, as Prisma's DMMF ----

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
interface DmmfEnum {
  name: string;
  dbName?: string | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}
export interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

/** Each provider's schema file, relative to the project root: what its generated client must embed. */
export const SCHEMA_FILES: Readonly<Record<Provider, string>> = {
  sqlite: SOURCE_SCHEMA,
  postgresql: POSTGRES_SCHEMA,
};

/** The schema text the provider's generated client embeds (its `inlineSchema`). */
export function generatedClientSchema(provider: Provider): string {
  const classFile = path.join(root, "lib", "db", "generated", provider, "internal/class.ts");
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
export function getDmmf(schema: string): Dmmf {
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

// ---- What a database holds, the same shape for both providers ----

export interface TableShape {
  /** In the table's column order; `type` as the database reports it. */
  columns: { name: string; type: string; notNull: boolean }[];
  primaryKey: string[];
  indexes: { columns: string[]; unique: boolean }[];
  foreignKeys: { columns: string[]; table: string; referencedColumns: string[]; onDelete: ReferentialAction }[];
}

/** ON DELETE as SQL spells it. */
export type ReferentialAction = "CASCADE" | "SET NULL" | "RESTRICT" | "NO ACTION" | "SET DEFAULT";

/** Every table of the database (the bookkeeping table included), by name. */
export type DatabaseShape = Map<string, TableShape>;

// ---- Comparing a database against the DMMF ----

/**
 * The column types Prisma's schema engine writes for each scalar (prisma-engines' sqlite and
 * postgres renderers), spelled as each database reports them back: SQLite the declared type,
 * PostgreSQL `format_type()`.
 */
const COLUMN_TYPES: Readonly<Record<Provider, Readonly<Record<string, string>>>> = {
  sqlite: {
    String: "TEXT",
    Int: "INTEGER",
    BigInt: "BIGINT",
    Float: "REAL",
    Decimal: "DECIMAL",
    Boolean: "BOOLEAN",
    DateTime: "DATETIME",
    Bytes: "BLOB",
  },
  postgresql: {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Bytes: "bytea",
  },
};

const ON_DELETE: Readonly<Record<string, ReferentialAction>> = {
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};

/** The column type of an enum field: SQLite stores the value as TEXT, PostgreSQL has a type of that name. */
function enumColumnType(provider: Provider, dmmf: Dmmf, field: DmmfField): string {
  if (provider === "sqlite") return "TEXT";
  const declared = dmmf.datamodel.enums.find((e) => e.name === field.type);
  return declared?.dbName ?? field.type;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every way the database differs from the data model; empty when they match. */
export function schemaProblems(database: DatabaseShape, dmmf: Dmmf, provider: Provider): string[] {
  const problems: string[] = [];
  const modelsByName = new Map(dmmf.datamodel.models.map((m) => [m.name, m]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };

  for (const model of dmmf.datamodel.models) {
    const table = database.get(tableOf(model));
    if (!table) {
      problems.push(`${model.name}: table "${tableOf(model)}" is missing`);
      continue;
    }
    const scalars = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    for (const field of scalars) {
      const name = field.dbName ?? field.name;
      const column = table.columns.find((c) => c.name === name);
      if (!column) {
        problems.push(`${model.name}.${field.name}: column "${name}" is missing`);
        continue;
      }
      if (column.notNull !== field.isRequired) {
        problems.push(`${model.name}.${field.name}: column is ${column.notNull ? "NOT NULL" : "nullable"}, the schema says ${field.isRequired ? "required" : "optional"}`);
      }
      const expected = field.kind === "enum" ? enumColumnType(provider, dmmf, field) : COLUMN_TYPES[provider][field.type];
      if (expected === undefined) problems.push(`${model.name}.${field.name}: no ${provider} type known for ${field.type}; extend COLUMN_TYPES`);
      // SQLite keeps the declared type as written (Prisma writes it upper-case).
      else if (column.type.toUpperCase() !== expected.toUpperCase()) problems.push(`${model.name}.${field.name}: column type is ${column.type}, expected ${expected}`);
    }
    const fieldColumns = new Set(scalars.map((f) => f.dbName ?? f.name));
    for (const column of table.columns) {
      if (!fieldColumns.has(column.name)) problems.push(`${model.name}: column "${column.name}" is not in the schema`);
    }

    for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
      const wanted = index.fields.map((f) => columnOf(model, f.name));
      const label = `${model.name}: ${index.type} index on (${wanted.join(", ")})`;
      if (index.type === "id") {
        if (!sameList(table.primaryKey, wanted)) problems.push(`${label}: primary key is (${table.primaryKey.join(", ")})`);
      } else if (!table.indexes.some((i) => sameList(i.columns, wanted) && (index.type !== "unique" || i.unique))) {
        problems.push(`${label} is missing`);
      }
    }

    for (const field of model.fields.filter((f) => f.relationFromFields?.length)) {
      const target = modelsByName.get(field.type);
      if (!target) continue;
      const from = (field.relationFromFields ?? []).map((name) => columnOf(model, name));
      const to = (field.relationToFields ?? []).map((name) => columnOf(target, name));
      const onDelete = field.relationOnDelete ? ON_DELETE[field.relationOnDelete] : undefined;
      const match = table.foreignKeys.some(
        (fk) =>
          fk.table === tableOf(target) &&
          sameList(fk.columns, from) &&
          sameList(fk.referencedColumns, to) &&
          (onDelete === undefined || fk.onDelete === onDelete),
      );
      if (!match) {
        problems.push(`${model.name}.${field.name}: foreign key (${from.join(", ")}) → ${tableOf(target)}(${to.join(", ")}) ON DELETE ${field.relationOnDelete ?? "default"} is missing`);
      }
    }
  }

  const known = new Set([...dmmf.datamodel.models.map(tableOf), "_prisma_migrations"]);
  for (const name of database.keys()) if (!known.has(name)) problems.push(`table "${name}" is not in the schema`);
  return problems;
}
