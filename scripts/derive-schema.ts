/**
 * prisma/schema.prisma (SQLite) is the one source of truth for the data model. Prisma's
 * `provider` is a literal, so PostgreSQL needs a schema file of its own: this derives it
 * mechanically. `npm run db:generate` writes it; a unit test fails when the committed copy drifts.
 */
import path from "node:path";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA } from "../lib/db/schema-files";

const HEADER =
  `// GENERATED from ${SOURCE_SCHEMA} by \`npm run db:generate\` (scripts/derive-schema.ts): do not edit.\n` +
  `// Change ${SOURCE_SCHEMA}, regenerate, and add a migration to both migration folders.\n\n`;

/** Replaces exactly one match of `pattern`, or throws: a silent no-op would ship a wrong schema. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`));
  if (matches?.length !== 1) {
    throw new Error(`${SOURCE_SCHEMA}: expected exactly one ${what}, found ${matches?.length ?? 0}.`);
  }
  return text.replace(pattern, replacement);
}

export function derivePostgresSchema(source: string): string {
  // The generator's output is relative to the schema file, which moves one folder down.
  const fromPostgresDir = (output: string) =>
    path.posix.relative(path.posix.dirname(POSTGRES_SCHEMA), path.posix.join(path.posix.dirname(SOURCE_SCHEMA), output));
  const schema = replaceOnce(source, /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource provider "sqlite"');
  const output = /\n\s*output\s*=\s*"([^"]*)\/generated\/sqlite"/.exec(schema)?.[1] ?? "";
  return (
    HEADER +
    replaceOnce(
      schema,
      /(\n\s*output\s*=\s*)"[^"]*\/generated\/sqlite"/,
      `$1"${fromPostgresDir(`${output}/generated/postgresql`)}"`,
      'generator output ending in "/generated/sqlite"',
    )
  );
}
