/**
 * The drift checks both providers must pass, written once: schema-matches.test.ts (SQLite) and
 * schema-matches.pg.test.ts (PostgreSQL) each call describeSchemaMatches() with how to build and
 * introspect a database of their provider.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../lib/db/client";
import { MIGRATIONS_DIRS } from "../../lib/db/migrate";
import type { Provider } from "../../lib/db/provider";
import { generatedClientSchema, getDmmf, SCHEMA_FILES, schemaProblems, type DatabaseShape } from "./schema-compare";

const root = path.resolve(__dirname, "../..");

export interface SchemaTarget {
  provider: Provider;
  /** A fresh database migrated from `migrationsDir` (through migrate()); `cleanup` deletes it. */
  migratedDatabase(migrationsDir: string): Promise<{ url: string; cleanup: () => Promise<void> }>;
  /** Every table of the database at `url`, read from the database itself. */
  introspect(url: string): Promise<DatabaseShape>;
}

/** Replaces one match of `pattern`, or throws: a break that silently did nothing would prove nothing. */
function breakOnce(sql: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(sql)) throw new Error(`The init migration no longer contains ${pattern}: update the drift test`);
  return sql.replace(pattern, replacement);
}

export function describeSchemaMatches(target: SchemaTarget): void {
  const { provider } = target;
  const committedMigrations = path.join(root, MIGRATIONS_DIRS[provider]);

  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function migratedDatabase(migrationsDir: string): Promise<string> {
    const database = await target.migratedDatabase(migrationsDir);
    cleanups.push(database.cleanup);
    return database.url;
  }

  describe(`the committed ${provider} migrations build the schema the ${provider} client was generated from`, () => {
    const schema = generatedClientSchema(provider);
    const dmmf = getDmmf(schema);
    const problemsOf = async (url: string) => schemaProblems(await target.introspect(url), dmmf, provider);

    it(`uses a generated client that is current with ${SCHEMA_FILES[provider]} (else: npm run db:generate)`, () => {
      expect(schema).toBe(fs.readFileSync(path.join(root, SCHEMA_FILES[provider]), "utf8"));
    });

    it("has every table, column, nullability, type, key, index and foreign key the data model has, and nothing else", async () => {
      expect(dmmf.datamodel.models.length).toBeGreaterThan(0);
      expect(await problemsOf(await migratedDatabase(committedMigrations))).toEqual([]);
    });

    it("notices when the SQL drifts from the data model", async () => {
      // A copy of the committed migrations with mistakes a hand edit could make, in the init
      // migration's tables that no later migration rebuilds (a rebuild would restate them).
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-drift-"));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      fs.cpSync(committedMigrations, dir, { recursive: true });
      const init = fs.readdirSync(dir).find((name) => name.endsWith("_init"));
      if (!init) throw new Error("expected an _init migration");
      const file = path.join(dir, init, "migration.sql");
      let sql = fs.readFileSync(file, "utf8");
      sql = breakOnce(sql, /\s*"name" TEXT NOT NULL,/, "");
      sql = breakOnce(sql, /"previousStatus" TEXT,/, '"previousStatus" TEXT NOT NULL,');
      sql = breakOnce(sql, /"version" INTEGER NOT NULL,/, '"version" BIGINT NOT NULL,');
      sql = breakOnce(sql, /CREATE UNIQUE INDEX "StaffUser_email_key"[^;]*;/, "");
      sql = breakOnce(sql, /ON DELETE SET NULL/, "ON DELETE CASCADE");
      fs.writeFileSync(file, sql);

      // Each mistake reported once, and nothing else: a check that cried wolf would be ignored.
      expect(await problemsOf(await migratedDatabase(dir))).toEqual([
        "OrderEvent.previousStatus: column is NOT NULL, the schema says optional",
        expect.stringMatching(/^OrderEvent\.version: column type is bigint, expected integer$/i),
        "OrderEvent.actor: foreign key (actorId) → StaffUser(id) ON DELETE SetNull is missing",
        'StaffUser.name: column "name" is missing',
        "StaffUser: unique index on (email) is missing",
      ]);
    });

    it("round-trips one row of every model through the generated client", async () => {
      const prisma = createPrismaClient(await migratedDatabase(committedMigrations));
      try {
        const staffUser = await prisma.staffUser.create({
          data: { id: "user-1", email: "staff@example.test", name: "Sam", passwordHash: "hash" },
        });
        const order = await prisma.order.create({
          data: {
            id: "order-1",
            code: "A7K2Q",
            trackingTokenHash: "hash-1",
            customerName: "Ada",
            items: JSON.stringify([{ name: "Margherita pizza", quantity: 1 }]),
            note: "no basil",
            status: "placed",
          },
        });
        const apiKey = await prisma.apiKey.create({
          data: { id: "key-1", name: "Till 2", prefix: "trk_AbCd", hash: "key-hash-1", scopes: "orders:create", createdById: staffUser.id },
        });
        const keyedOrder = await prisma.order.create({
          data: {
            id: "order-2",
            code: "B8L3R",
            trackingTokenHash: "hash-2",
            customerName: "Grace",
            items: JSON.stringify([{ name: "Falafel wrap", quantity: 2 }]),
            status: "placed",
            sourceKeyId: apiKey.id,
            externalId: "till-1042",
          },
        });
        const orderEvent = await prisma.orderEvent.create({
          data: { orderId: order.id, type: "status", status: "confirmed", previousStatus: "placed", version: 2, actorId: staffUser.id },
        });
        const keyedEvent = await prisma.orderEvent.create({
          data: { orderId: keyedOrder.id, type: "order.created", status: "placed", version: 1, apiKeyId: apiKey.id },
        });
        const idempotencyRecord = await prisma.idempotencyRecord.create({
          data: { apiKeyId: apiKey.id, key: "retry-1", requestHash: "body-hash", status: 201, sealedBody: "sealed" },
        });
        const staffSession = await prisma.staffSession.create({
          data: { id: "session-1", userId: staffUser.id, expiresAt: new Date("2030-01-01T00:00:00.000Z") },
        });
        const loginAttempt = await prisma.loginAttempt.create({
          data: { key: "account:0f1e", points: 3, expire: new Date("2030-01-01T00:00:00.000Z") },
        });
        const webhookEndpoint = await prisma.webhookEndpoint.create({
          data: { id: "hook-1", url: "https://example.test/hooks", eventTypes: "order.status", sealedSecret: "sealed", cursor: 7, createdById: staffUser.id },
        });
        const webhookAttempt = await prisma.webhookAttempt.create({
          data: { endpointId: webhookEndpoint.id, eventId: 8, statusCode: 500, durationMs: 12 },
        });
        const written: Record<string, object> = {
          StaffUser: staffUser,
          Order: order,
          OrderEvent: orderEvent,
          StaffSession: staffSession,
          LoginAttempt: loginAttempt,
          ApiKey: apiKey,
          IdempotencyRecord: idempotencyRecord,
          WebhookEndpoint: webhookEndpoint,
          WebhookAttempt: webhookAttempt,
        };
        // A new model must be added here too.
        expect(Object.keys(written).sort()).toEqual(dmmf.datamodel.models.map((m) => m.name).sort());

        expect(await prisma.staffUser.findUniqueOrThrow({ where: { email: "staff@example.test" } })).toEqual(staffUser);
        expect(await prisma.order.findUniqueOrThrow({ where: { trackingTokenHash: "hash-1" } })).toEqual(order);
        expect(await prisma.orderEvent.findFirstOrThrow({ where: { orderId: order.id } })).toEqual(orderEvent);
        expect(await prisma.staffSession.findUniqueOrThrow({ where: { id: "session-1" } })).toEqual(staffSession);
        expect(await prisma.loginAttempt.findUniqueOrThrow({ where: { key: "account:0f1e" } })).toEqual(loginAttempt);
        expect(await prisma.apiKey.findUniqueOrThrow({ where: { hash: "key-hash-1" } })).toEqual(apiKey);
        expect(await prisma.order.findUniqueOrThrow({ where: { sourceKeyId_externalId: { sourceKeyId: apiKey.id, externalId: "till-1042" } } })).toEqual(keyedOrder);
        expect(await prisma.orderEvent.findFirstOrThrow({ where: { apiKeyId: apiKey.id } })).toEqual(keyedEvent);
        expect(
          await prisma.idempotencyRecord.findUniqueOrThrow({ where: { apiKeyId_key: { apiKeyId: apiKey.id, key: "retry-1" } } }),
        ).toEqual(idempotencyRecord);
        expect(staffUser.role).toBe("staff");
        expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: "hook-1" } })).toEqual(webhookEndpoint);
        expect(await prisma.webhookAttempt.findFirstOrThrow({ where: { endpointId: "hook-1" } })).toEqual(webhookAttempt);
        expect(webhookEndpoint).toMatchObject({ failures: 0, failingSince: null, disabledAt: null, leaseOwner: null });
        expect(order).toMatchObject({ version: 1, note: "no basil" });
        expect(order.createdAt).toBeInstanceOf(Date);
        expect(orderEvent.id).toBeGreaterThan(0);
      } finally {
        await prisma.$disconnect();
      }
    });
  });
}
