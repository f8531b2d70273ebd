/**
 * The e2e fixtures give every test a clone of a migrated and seeded template (e2e/fixtures/server.ts):
 * a clone must hold exactly the template's rows, and writing to it must leave the template alone.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteFilePath } from "../../lib/db/url";
import { copyDatabase } from "./copy-database";
import { cloneDatabase, createMigratedDatabase, testProvider, type TestDatabase } from "./databases";

async function execute(url: string, sql: string): Promise<void> {
  if (testProvider() === "sqlite") {
    const connection = new Database(sqliteFilePath(url));
    try {
      connection.exec(sql);
    } finally {
      connection.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("cloneDatabase", () => {
  const made: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((database) => database.cleanup()));
  });

  it("copies every table and row of the template, and the copy is a database of its own", async () => {
    const template = await createMigratedDatabase();
    made.push(template);
    await execute(template.url, "CREATE TABLE marker (note TEXT); INSERT INTO marker VALUES ('from the template')");

    const clone = await cloneDatabase(testProvider(), template.url);
    made.push(clone);
    expect(clone.url).not.toBe(template.url);
    const [original, copied] = await Promise.all([copyDatabase(template.url), copyDatabase(clone.url)]);
    expect([...copied.tables.keys()].sort()).toEqual([...original.tables.keys()].sort());
    for (const [table, rows] of original.tables) expect(copied.tables.get(table), table).toEqual(rows);
    expect(copied.tables.get("marker")).toEqual([{ note: "from the template" }]);

    await execute(clone.url, "INSERT INTO marker VALUES ('only in the clone')");
    expect((await copyDatabase(template.url)).tables.get("marker")).toEqual([{ note: "from the template" }]);
    expect((await copyDatabase(clone.url)).tables.get("marker")).toHaveLength(2);
  });
});
