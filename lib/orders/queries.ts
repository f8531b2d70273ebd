import "server-only";
import { db, readSnapshot } from "@/lib/db/client";
import { latestEventId } from "@/lib/events/log";
import { TRACKING_TOKEN_PATTERN } from "./codes";
import { OPEN_STATUSES, isOrderStatus, isTerminal, type OrderStatus } from "./status";
import type { OrderView, StaffOrderView } from "./types";
import { orderInclude, toOrderView, toStaffOrderView } from "./view";

/**
 * A token from the URL that could name an order. Anything else is answered unknown without a
 * query: PostgreSQL refuses a NUL in text outright (an error, not "no row"), and junk tokens
 * cost no round trip.
 */
function isTokenShaped(token: string): boolean {
  return TRACKING_TOKEN_PATTERN.test(token);
}

/**
 * The tracking page's server-rendered state and the global event cursor, read in one
 * transaction, so the page's first stream connection resumes exactly where the render ended
 * (ARCHITECTURE invariant 4).
 */
export async function getTrackingSnapshot(token: string): Promise<{ order: OrderView; cursor: number } | null> {
  if (!isTokenShaped(token)) return null;
  return readSnapshot(async (tx) => {
    const order = await tx.order.findUnique({ where: { trackingToken: token }, include: orderInclude });
    if (!order) return null;
    return { order: toOrderView(order), cursor: await latestEventId(tx) };
  });
}

export type TrackingStreamTarget =
  | { kind: "not_found" }
  | { kind: "finished" }
  | { kind: "open"; orderId: string };

/** What a tracking stream request resolves to: 404, 204 (nothing more will come), or a stream. */
export async function resolveTrackingStream(token: string, cursor: number | null): Promise<TrackingStreamTarget> {
  if (!isTokenShaped(token)) return { kind: "not_found" };
  const order = await db().order.findUnique({
    where: { trackingToken: token },
    select: { id: true, status: true, events: { orderBy: { id: "desc" }, take: 1, select: { id: true } } },
  });
  if (!order) return { kind: "not_found" };
  const lastEventId = order.events[0]?.id ?? 0;
  if (isOrderStatus(order.status) && isTerminal(order.status) && cursor !== null && cursor >= lastEventId) {
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
    return { orders: orders.reverse().map(toStaffOrderView), cursor: await latestEventId(tx) };
  });
}
