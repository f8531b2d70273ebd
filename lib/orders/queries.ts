import "server-only";
import { db, readSnapshot } from "@/lib/db/client";
import { latestEventId } from "./event-log/log";
import { readTrackingTarget } from "./joined-reads";
import type { StageDurations } from "./estimate";
import { stageDurations } from "./eta";
import { OPEN_STATUSES, isOrderStatus, isTerminal, type OrderStatus } from "./status";
import { trackingTokenHash } from "./tracking-token";
import type { OrderView, StaffOrderView } from "./types";
import { orderInclude, orderRowOf, toOrderView, toStaffOrderView } from "./view";

/**
 * The one way a tracking link finds its order: by the hash of whatever string arrived, through
 * the unique index on `trackingTokenHash`. Nothing else about an order (its code, its id, its
 * stored hash) is a key here.
 *
 * Constant time: the database compares the guess's SHA-256 with stored hashes, so how long a
 * lookup takes depends on how many leading hash bytes happen to match, never on how much of the
 * guessed token is right (a token one character off has an unrelated hash). Timing can teach an
 * attacker hash prefixes at most, and a prefix does not lead back to a token.
 *
 * Unknown and malformed tokens are indistinguishable because there is no format check to fail
 * early: every string, of any length or alphabet, is hashed and looked up, and answers exactly as
 * an unknown well-formed token does. The database only ever sees 64 hex digits, so a NUL byte or
 * a lone surrogate in the URL cannot make it fail.
 */
function byTrackingToken(token: string): { trackingTokenHash: string } {
  return { trackingTokenHash: trackingTokenHash(token) };
}

export interface TrackingSnapshot {
  order: OrderView;
  cursor: number;
  /** Each stage's expected duration, for the page's estimate (learned history, cached per process). */
  eta: StageDurations;
  /** The server's clock (ms) when the snapshot was read: the page's estimate is rendered for this moment. */
  readAt: number;
}

/**
 * The tracking page's server-rendered state and the global event cursor, read in one
 * transaction, so the page's first stream connection resumes exactly where the render ended
 * (docs/architecture.md, invariant 4). The stage durations come from outside that transaction: they are
 * statistics over many orders, not part of this order's state.
 */
export async function getTrackingSnapshot(token: string): Promise<TrackingSnapshot | null> {
  const [state, eta] = await Promise.all([
    readSnapshot(async (tx) => {
      const order = await tx.order.findUnique({ where: byTrackingToken(token), include: orderInclude });
      if (!order) return null;
      return { order: toOrderView(orderRowOf(order)), cursor: await latestEventId(tx) };
    }),
    stageDurations(),
  ]);
  return state && { ...state, eta, readAt: Date.now() };
}

export type TrackingStreamTarget =
  | { kind: "not_found" }
  | { kind: "finished" }
  | { kind: "open"; orderId: string };

/** What a tracking stream request resolves to: 404, 204 (nothing more will come), or a stream. */
export async function resolveTrackingStream(token: string, cursor: number | null): Promise<TrackingStreamTarget> {
  const order = await readTrackingTarget(db(), byTrackingToken(token).trackingTokenHash);
  if (!order) return { kind: "not_found" };
  if (isOrderStatus(order.status) && isTerminal(order.status) && cursor !== null && cursor >= order.lastEventId) {
    return { kind: "finished" };
  }
  return { kind: "open", orderId: order.id };
}

/** The newest orders a board shows at once; older finished ones stay in the log. */
const STAFF_ORDERS_LIMIT = 500;

export async function listStaffOrders(
  filter: { status?: OrderStatus[]; includeFinished?: boolean } = {},
): Promise<{ orders: StaffOrderView[]; cursor: number }> {
  const statuses = filter.status ?? (filter.includeFinished ? undefined : [...OPEN_STATUSES]);
  return readSnapshot(async (tx) => {
    const orders = await tx.order.findMany({
      where: statuses ? { status: { in: statuses } } : undefined,
      orderBy: { createdAt: "desc" },
      include: orderInclude,
      take: STAFF_ORDERS_LIMIT,
    });
    return { orders: orders.reverse().map((order) => toStaffOrderView(orderRowOf(order))), cursor: await latestEventId(tx) };
  });
}
