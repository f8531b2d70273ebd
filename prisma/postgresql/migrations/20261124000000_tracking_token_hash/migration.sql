-- Store only the SHA-256 (lowercase hex) of each tracking token, so a copy of the database opens
-- no order; existing links keep working because their tokens are hashed here the way
-- lib/orders/tracking-token.ts hashes them.
--
-- Written by hand: Prisma's diff would drop the token column and add an empty one.
-- The old unique index (which holds every raw token) is dropped, not renamed.

-- DropIndex
DROP INDEX "Order_trackingToken_key";

-- AlterTable
ALTER TABLE "Order" RENAME COLUMN "trackingToken" TO "trackingTokenHash";
UPDATE "Order" SET "trackingTokenHash" = encode(sha256(convert_to("trackingTokenHash", 'UTF8')), 'hex');

-- CreateIndex
CREATE UNIQUE INDEX "Order_trackingTokenHash_key" ON "Order"("trackingTokenHash");
