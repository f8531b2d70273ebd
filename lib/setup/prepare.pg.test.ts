import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { MIGRATIONS_DIRS, readMigrations } from "@/lib/db/migrate";
import { createPostgresDatabase, dropPostgresDatabase, testPostgresAdminUrl } from "@/test/support/postgres-admin";
import { prepareDatabase } from "./prepare";

let url: string;

beforeAll(async () => {
  // An empty database, as a new deployment's instances find it.
  url = await createPostgresDatabase(testPostgresAdminUrl());
  process.env.DATABASE_URL = url;
});

afterAll(async () => {
  await disconnectDb();
  await dropPostgresDatabase(testPostgresAdminUrl(), url);
});

describe("prepareDatabase on PostgreSQL", () => {
  it("migrates and seeds once when instances start at the same moment", async () => {
    const lines: string[] = [];
    await Promise.all([1, 2, 3].map(() => prepareDatabase((line) => lines.push(line))));
    // Each committed migration applied by one instance only.
    const { migrations } = readMigrations(path.resolve(__dirname, "../..", MIGRATIONS_DIRS.postgresql));
    expect(lines.filter((line) => line.startsWith("Applied migration"))).toEqual(migrations.map((m) => `Applied migration ${m.name}`));
    expect(lines.filter((line) => line.startsWith("Created owner account"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("Created 4 demo orders"))).toHaveLength(1);
    expect(await db().staffUser.count()).toBe(1);
    // Four open demo orders and eight delivered ones from "yesterday" (the estimates' history), once.
    expect(await db().order.count()).toBe(12);
  });
});
