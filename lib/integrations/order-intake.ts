/**
 * Order intake from the shop's other systems: an order placed with an API key may carry an
 * `Idempotency-Key`, so a till that retries after a timeout gets its first answer again instead
 * of placing a second order (the same key and body within 24 hours: the same status and body; the
 * same key with another body: refused).
 *
 * The first answer is kept in the order's own transaction (service.ts, `alsoInTransaction`), so
 * an order and its record exist together or not at all. Concurrent retries race on the record's
 * primary key: every loser's transaction, order included, rolls back on the unique violation,
 * and it answers with the winner's record. PostgreSQL makes a loser's insert wait for the
 * winner's commit; SQLite runs one transaction at a time.
 *
 * The kept body holds the tracking link, whose token the database otherwise keeps only as a hash
 * (decision 009), so it is sealed with the session secret (lib/auth/sealed.ts): a copy of the
 * database opens no order. A record outlives a secret rotation only while the old secret is
 * TRACKER_SESSION_SECRET_PREVIOUS.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { ApiKeyIdentity } from "@/lib/auth/api-keys";
import { sealValue, unsealValue } from "@/lib/auth/sealed";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { CreateOrderInput } from "@/lib/orders/input";
import { createOrder, isUniqueViolation, type PlacedOrder } from "@/lib/orders/service";
import type { Actor, OrderView } from "@/lib/orders/types";

export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

/** Printable ASCII without spaces, as Stripe and the IETF draft's examples use (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What `POST /api/orders` answers with a new order (and a retry with the first one). */
export interface PlacedBody {
  order: OrderView;
  trackingUrl: string;
}

export interface IntakeRequest {
  input: CreateOrderInput;
  /** The placing key; null for a staff member or an anonymous customer. */
  key: ApiKeyIdentity | null;
  actor: Actor | null;
  /** Only with a key: records are kept per key. */
  idempotencyKey: string | null;
  /** Where tracking links start (the address the caller used, or TRACKER_PUBLIC_URL). */
  trackingBase: string;
}

export type IntakeResult =
  | { kind: "placed"; status: 201; body: PlacedBody; replayed: boolean }
  | { kind: "idempotency_key_reused" }
  | { kind: "duplicate_external_id"; externalId: string };

const STATUS_CREATED = 201;

/** The request as parsed, so bodies that differ only in spacing or key order are the same request. */
function requestHash(input: CreateOrderInput): string {
  const canonical = { customerName: input.customerName, items: input.items, note: input.note ?? null, externalId: input.externalId ?? null };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** The live record for this key and Idempotency-Key, as the answer to give. */
async function recorded(keyId: string, idempotencyKey: string, hash: string): Promise<IntakeResult | null> {
  const record = await db().idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: keyId, key: idempotencyKey } } });
  if (!record || record.createdAt.getTime() <= Date.now() - IDEMPOTENCY_WINDOW_MS) return null;
  if (record.requestHash !== hash) return { kind: "idempotency_key_reused" };
  return { kind: "placed", status: STATUS_CREATED, body: (await unsealValue<PlacedBody>(record.sealedBody)).value, replayed: true };
}

async function keepAnswer(tx: Prisma.TransactionClient, keyId: string, idempotencyKey: string, hash: string, body: PlacedBody): Promise<void> {
  const expired = new Date(Date.now() - IDEMPOTENCY_WINDOW_MS);
  // Expired records go as new ones are made (the createdAt index keeps this cheap), this key's
  // own expired one included, which would otherwise hold its primary key.
  await tx.idempotencyRecord.deleteMany({ where: { createdAt: { lte: expired } } });
  await tx.idempotencyRecord.create({
    data: { apiKeyId: keyId, key: idempotencyKey, requestHash: hash, status: STATUS_CREATED, sealedBody: await sealValue(body) },
  });
}

function placedBody(placed: PlacedOrder, trackingBase: string): PlacedBody {
  return { order: placed.order, trackingUrl: `${trackingBase}/track/${placed.trackingToken}` };
}

/** Places an order, or answers a retry with the first answer. */
export async function takeOrder(request: IntakeRequest): Promise<IntakeResult> {
  const { input, key, idempotencyKey, trackingBase } = request;
  const idempotent = key && idempotencyKey !== null ? { keyId: key.id, idempotencyKey, hash: requestHash(input) } : null;
  if (idempotent) {
    const earlier = await recorded(idempotent.keyId, idempotent.idempotencyKey, idempotent.hash);
    if (earlier) return earlier;
  }
  try {
    const placed = await createOrder(input, {
      sourceKeyId: key?.id,
      actor: request.actor,
      alsoInTransaction: idempotent
        ? (tx, order) => keepAnswer(tx, idempotent.keyId, idempotent.idempotencyKey, idempotent.hash, placedBody(order, trackingBase))
        : undefined,
    });
    return { kind: "placed", status: STATUS_CREATED, body: placedBody(placed, trackingBase), replayed: false };
  } catch (error) {
    if (idempotent) {
      // A concurrent retry committed first (this transaction rolled back on its record, or on its
      // externalId): answer as it did.
      const winner = await recorded(idempotent.keyId, idempotent.idempotencyKey, idempotent.hash);
      if (winner) return winner;
    }
    if (input.externalId !== undefined && isUniqueViolation(error, "externalId")) {
      return { kind: "duplicate_external_id", externalId: input.externalId };
    }
    throw error;
  }
}
