-- API keys for the shop's other systems, staff roles, and what order intake through a key
-- records: the placing key and its order number, the key as an event's actor, and the first
-- answer to each Idempotency-Key (issue 16).
--
-- The oldest staff account becomes the owner, so a database from before roles has one who can
-- manage keys and webhooks (npm run staff:add -- --owner makes more).
--
-- Columns are added in place (ALTER TABLE ... ADD COLUMN), not by rebuilding the tables as
-- Prisma's diff would: a shop's event log may be large, and a rebuilt AUTOINCREMENT table would
-- forget the highest id ever drawn, which SSE cursors rely on never being reused.

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "sealedBody" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("apiKeyId", "key"),
    CONSTRAINT "IdempotencyRecord_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'staff';
ALTER TABLE "Order" ADD COLUMN "sourceKeyId" TEXT REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Order" ADD COLUMN "externalId" TEXT;
ALTER TABLE "OrderEvent" ADD COLUMN "apiKeyId" TEXT REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE UNIQUE INDEX "Order_sourceKeyId_externalId_key" ON "Order"("sourceKeyId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- The first account is the owner
UPDATE "StaffUser" SET "role" = 'owner' WHERE "id" = (SELECT "id" FROM "StaffUser" ORDER BY "createdAt", "id" LIMIT 1);
