/**
 * Migration 20261207000000_api_keys on a database that already has staff and events (on each
 * provider): the oldest account becomes the owner, the others stay staff, and the event log's ids
 * keep growing past the highest ever drawn, which SSE cursors rely on (the migration adds its
 * columns in place instead of rebuilding the tables).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, testProvider, type TestDatabase } from "@/test/support/databases";
import { migrationsUpTo } from "@/test/support/migrations-up-to";
import { createPrismaClient } from "./client";
import { migrate, MIGRATIONS_DIRS } from "./migrate";

const BEFORE = "20261124000000_tracking_token_hash";
const UPGRADE = "20261207000000_api_keys";

const provider = testProvider();
let database: TestDatabase;
let dir: string;
let applied: string[];
let highestDrawn = 0;

const STAFF = [
  { id: "later", email: "later@example.test", createdAt: new Date("2026-11-02T00:00:00Z") },
  { id: "first", email: "first@example.test", createdAt: new Date("2026-11-01T00:00:00Z") },
  { id: "third", email: "third@example.test", createdAt: new Date("2026-11-03T00:00:00Z") },
];

/** Rows as the code before the upgrade wrote them (raw: the client knows the new columns). */
async function writeOldRows(url: string): Promise<void> {
  const client = createPrismaClient(url);
  try {
    for (const staff of STAFF) {
      await client.$executeRaw`INSERT INTO "StaffUser" ("id", "email", "name", "passwordHash", "createdAt")
        VALUES (${staff.id}, ${staff.email}, ${staff.id}, ${"hash"}, ${staff.createdAt})`;
    }
    const now = new Date();
    await client.$executeRaw`INSERT INTO "Order" ("id", "code", "trackingTokenHash", "customerName", "items", "status", "version", "createdAt", "updatedAt")
      VALUES (${"order-1"}, ${"A7K2Q"}, ${"hash-1"}, ${"Ada"}, ${"[]"}, ${"placed"}, ${1}, ${now}, ${now})`;
    for (let version = 1; version <= 3; version++) {
      await client.$executeRaw`INSERT INTO "OrderEvent" ("orderId", "type", "status", "version", "at")
        VALUES (${"order-1"}, ${"order.status"}, ${"placed"}, ${version}, ${now})`;
    }
    // The newest event goes (an order deleted by hand, say): its id must still never come back.
    const [newest] = await client.$queryRaw<{ id: number }[]>`SELECT MAX("id") AS "id" FROM "OrderEvent"`;
    highestDrawn = Number(newest?.id);
    await client.$executeRaw`DELETE FROM "OrderEvent" WHERE "id" = ${highestDrawn}`;
  } finally {
    await client.$disconnect();
  }
}

beforeAll(async () => {
  database = await createEmptyDatabase(provider);
  dir = migrationsUpTo(provider, BEFORE);
  await migrate({ url: database.url, migrationsDir: dir });
  await writeOldRows(database.url);
  ({ applied } = await migrate({ url: database.url, migrationsDir: path.resolve(__dirname, "../..", MIGRATIONS_DIRS[provider]) }));
}, 60_000);

afterAll(async () => {
  await database.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`upgrading ${provider} across ${UPGRADE}`, () => {
  it("applies the migration", () => {
    expect(applied).toContain(UPGRADE);
  });

  it("makes the oldest account the owner and leaves the others staff", async () => {
    const client = createPrismaClient(database.url);
    try {
      const roles = await client.staffUser.findMany({ select: { id: true, role: true }, orderBy: { id: "asc" } });
      expect(roles).toEqual([
        { id: "first", role: "owner" },
        { id: "later", role: "staff" },
        { id: "third", role: "staff" },
      ]);
    } finally {
      await client.$disconnect();
    }
  });

  it("draws event ids above the highest ever drawn, not the highest still stored", async () => {
    const client = createPrismaClient(database.url);
    try {
      const event = await client.orderEvent.create({ data: { orderId: "order-1", type: "order.status", status: "confirmed", version: 4 } });
      expect(event.id).toBeGreaterThan(highestDrawn);
      expect(event).toMatchObject({ apiKeyId: null, actorId: null });
    } finally {
      await client.$disconnect();
    }
  });
});
