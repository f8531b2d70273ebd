/**
 * Migration 20261124000000_tracking_token_hash on a database that already has orders (on each
 * provider): links sent before the upgrade still open their orders, and the database no longer
 * holds a single raw token, not in a row and (SQLite) not in the file's free space.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTrackingSnapshot, resolveTrackingStream } from "@/lib/orders/queries";
import { newTrackingToken } from "@/lib/orders/tracking-token";
import { createPrismaClient, disconnectDb } from "./client";
import { copyDatabase, everyCell } from "@/test/support/copy-database";
import { migrate, MIGRATIONS_DIRS } from "./migrate";
import { createEmptyDatabase, testProvider, type TestDatabase } from "@/test/support/databases";
import { migrationsUpTo } from "@/test/support/migrations-up-to";

const BEFORE = "20261123000000_init";
const UPGRADE = "20261124000000_tracking_token_hash";
// Enough rows to fill many pages, so SQLite's free space would show leftovers if there were any.
const ORDERS = 200;

const provider = testProvider();
const committed = path.resolve(__dirname, "../..", MIGRATIONS_DIRS[provider]);

interface OldOrder {
  id: string;
  code: string;
  token: string;
  statuses: string[];
}

let database: TestDatabase;
let dir: string;
let applied: string[];
const old: OldOrder[] = [];

/** Orders as the code before the upgrade wrote them: the raw token in "trackingToken". */
async function placeOldOrders(url: string): Promise<void> {
  const client = createPrismaClient(url);
  try {
    for (let i = 0; i < ORDERS; i++) {
      const order = { id: `order-${i}`, code: `C${String(i).padStart(4, "0")}`, token: newTrackingToken(), statuses: ["placed"] };
      const now = new Date();
      await client.$executeRaw`INSERT INTO "Order" ("id", "code", "trackingToken", "customerName", "items", "note", "status", "version", "createdAt", "updatedAt")
        VALUES (${order.id}, ${order.code}, ${order.token}, ${`Customer ${i}`}, ${'[{"name":"Tea","quantity":1}]'}, ${null}, ${"placed"}, ${1}, ${now}, ${now})`;
      // Raw, like the order: the client knows columns added after this schema.
      await client.$executeRaw`INSERT INTO "OrderEvent" ("orderId", "type", "status", "version", "at")
        VALUES (${order.id}, ${"order.created"}, ${"placed"}, ${1}, ${now})`;
      if (i % 3 === 0) {
        await client.$executeRaw`UPDATE "Order" SET "status" = ${"cancelled"}, "version" = ${2} WHERE "id" = ${order.id}`;
        await client.$executeRaw`INSERT INTO "OrderEvent" ("orderId", "type", "status", "previousStatus", "version", "at")
          VALUES (${order.id}, ${"order.status"}, ${"cancelled"}, ${"placed"}, ${2}, ${new Date()})`;
        order.statuses.push("cancelled");
      }
      old.push(order);
    }
  } finally {
    await client.$disconnect();
  }
}

beforeAll(async () => {
  database = await createEmptyDatabase(provider);
  process.env.DATABASE_URL = database.url;
  dir = migrationsUpTo(provider, BEFORE);
  await migrate({ url: database.url, migrationsDir: dir });
  await placeOldOrders(database.url);
  ({ applied } = await migrate({ url: database.url, migrationsDir: committed }));
}, 60_000);

afterAll(async () => {
  await disconnectDb();
  await database.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`upgrading ${provider} across ${UPGRADE}`, () => {
  it("applies the migration", () => {
    expect(applied).toContain(UPGRADE);
  });

  it("opens every order with the link it had before", async () => {
    for (const order of old) {
      const snapshot = await getTrackingSnapshot(order.token);
      expect(snapshot?.order, order.code).toMatchObject({ id: order.id, code: order.code, status: order.statuses.at(-1) });
      expect(snapshot?.order.timeline.map((e) => e.status)).toEqual(order.statuses);
      const target = await resolveTrackingStream(order.token, null);
      expect(target).toEqual({ kind: "open", orderId: order.id });
    }
  });

  it("leaves no raw token anywhere in the database", async () => {
    const copy = await copyDatabase(database.url);
    expect(copy.tables.get("Order")).toHaveLength(ORDERS);
    expect(Object.keys(copy.tables.get("Order")?.[0] ?? {})).not.toContain("trackingToken");
    const cells = everyCell(copy).join("\n");
    const leaked = old.filter(({ token }) => cells.includes(token) || copy.files.some((bytes) => bytes.includes(token)));
    expect(leaked.map((o) => o.code)).toEqual([]);
    if (provider === "sqlite") expect(copy.files.length).toBeGreaterThan(0);
  });
});
