import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA } from "../lib/db/schema-files";
import { derivePostgresSchema } from "./derive-schema";

const root = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("the PostgreSQL schema derived from prisma/schema.prisma", () => {
  it("is committed exactly as derived (else: npm run db:generate)", () => {
    expect(read(POSTGRES_SCHEMA)).toBe(derivePostgresSchema(read(SOURCE_SCHEMA)));
  });

  it("changes only the provider and the client's output folder", () => {
    const source = read(SOURCE_SCHEMA);
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output       = "../../lib/db/generated/postgresql"');
    const body = derived.slice(derived.indexOf(source.slice(0, 20)));
    const normalise = (text: string) =>
      text.replace('"postgresql"', '"sqlite"').replace("../../lib/db/generated/postgresql", "../lib/db/generated/sqlite");
    expect(normalise(body)).toBe(source);
  });

  it("refuses a source it cannot derive from rather than writing a wrong schema", () => {
    const source = read(SOURCE_SCHEMA);
    expect(() => derivePostgresSchema(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(
      /datasource provider "sqlite"/,
    );
    expect(() => derivePostgresSchema(source.replace("generated/sqlite", "generated/other"))).toThrow(/generator output/);
  });
});
