-- Store only the SHA-256 (lowercase hex) of each tracking token, so a copy of the database opens
-- no order; existing links keep working because their tokens are hashed here the way
-- lib/orders/tracking-token.ts hashes them.
--
-- Written by hand: Prisma's diff would drop the token column and add an empty one.
-- SQLite has no hash function: sha256() (PostgreSQL's, bytes in, bytes out) exists only on the
-- migration runner's connection (lib/db/migrate.ts), so this script runs only through it.
-- The table is rebuilt, Prisma's way, rather than updated in place: with the runner's
-- secure_delete, the old table's pages are zeroed when it is dropped, so the database file
-- keeps no raw token in free space either.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "trackingTokenHash" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Order" ("code", "createdAt", "customerName", "id", "items", "note", "status", "trackingTokenHash", "updatedAt", "version")
SELECT "code", "createdAt", "customerName", "id", "items", "note", "status", lower(hex(sha256("trackingToken"))), "updatedAt", "version" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_code_key" ON "Order"("code");
CREATE UNIQUE INDEX "Order_trackingTokenHash_key" ON "Order"("trackingTokenHash");
CREATE INDEX "Order_status_createdAt_idx" ON "Order"("status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
