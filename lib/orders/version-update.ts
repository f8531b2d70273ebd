/**
 * The optimistic version check and the status change, one statement on either database
 * (docs/architecture.md, invariant 5). Raw rather than `order.updateMany` (issue 15): a model
 * query passes through Prisma's query compiler on every change, and this is the same SQL every
 * time. `updatedAt` goes in as a Date, which each driver adapter writes exactly as Prisma's own
 * writes store a DateTime; service.test.ts reads it back through the model on both.
 */
import type { Prisma } from "@/lib/db/generated/sqlite/client";

type Client = Pick<Prisma.TransactionClient, "$executeRaw">;

export interface VersionedChange {
  orderId: string;
  expectedVersion: number;
  status: string;
  updatedAt: Date;
}

/** True when the order was still at `expectedVersion` and now stands one version later. */
export async function advanceOrderVersion(client: Client, change: VersionedChange): Promise<boolean> {
  const count = await client.$executeRaw`
    UPDATE "Order" SET "status" = ${change.status}, "version" = "version" + 1, "updatedAt" = ${change.updatedAt}
     WHERE "id" = ${change.orderId} AND "version" = ${change.expectedVersion}`;
  return count === 1;
}
