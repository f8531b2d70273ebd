/** The staff board's state: every order it knows, keyed by id, changed only through `boardReducer`. */
import { OPEN_STATUSES, isTerminal, type OpenStatus, type OrderStatus } from "@/lib/orders/status";
import type { StaffEventPayload, StaffOrderView } from "@/lib/orders/types";
import { applyStaffEvent, newerOrder } from "@/lib/timeline";

/** Finished orders the board keeps for its "Recently finished" list; older ones are dropped. */
export const RECENTLY_FINISHED_LIMIT = 8;

export interface BoardState {
  orders: Readonly<Record<string, StaffOrderView>>;
  /** Orders that arrived while the board was open and that nobody has looked at or acted on yet. */
  unseen: ReadonlySet<string>;
}

export type BoardAction =
  | { type: "event"; payload: StaffEventPayload }
  /** A whole order from an HTTP answer (200 transition, or the current state in a 409). */
  | { type: "replace"; order: StaffOrderView }
  | { type: "remove"; orderId: string }
  /** Someone looked at (focused) or acted on the order: it is no longer new. */
  | { type: "seen"; orderId: string }
  | { type: "all-seen" };

export function initialBoardState(orders: readonly StaffOrderView[]): BoardState {
  return prune({ orders: Object.fromEntries(orders.map((order) => [order.id, order])), unseen: new Set() });
}

function without(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!set.has(id)) return set;
  const next = new Set(set);
  next.delete(id);
  return next;
}

/** `state` with `order` stored; a finished order is no longer new. */
function store(state: BoardState, order: StaffOrderView, unseen: ReadonlySet<string>): BoardState {
  return prune({
    orders: { ...state.orders, [order.id]: order },
    unseen: isTerminal(order.status) ? without(unseen, order.id) : unseen,
  });
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case "event": {
      const current = state.orders[action.payload.orderId];
      const next = applyStaffEvent(current, action.payload);
      if (next === current) return state;
      // Only an order that first reaches the board through the stream is new; a replayed
      // creation of one the board already holds changes nothing above.
      const arrived = !current && action.payload.type === "order.created";
      return store(state, next, arrived ? new Set(state.unseen).add(next.id) : state.unseen);
    }
    case "replace": {
      const current = state.orders[action.order.id];
      const next = newerOrder(current, action.order);
      if (next === current) return state;
      return store(state, next, state.unseen);
    }
    case "remove": {
      if (!(action.orderId in state.orders)) return state;
      const orders = { ...state.orders };
      delete orders[action.orderId];
      return { orders, unseen: without(state.unseen, action.orderId) };
    }
    case "seen": {
      const unseen = without(state.unseen, action.orderId);
      return unseen === state.unseen ? state : { ...state, unseen };
    }
    case "all-seen":
      return state.unseen.size === 0 ? state : { ...state, unseen: new Set() };
  }
}

/** Keeps a long-open board's memory bounded: finished orders beyond the list's limit go. */
function prune(state: BoardState): BoardState {
  const finished = Object.values(state.orders).filter((order) => isTerminal(order.status));
  if (finished.length <= RECENTLY_FINISHED_LIMIT) return state;
  const keep = new Set(byNewestUpdate(finished).slice(0, RECENTLY_FINISHED_LIMIT).map((order) => order.id));
  const orders: Record<string, StaffOrderView> = {};
  for (const order of Object.values(state.orders)) {
    if (!isTerminal(order.status) || keep.has(order.id)) orders[order.id] = order;
  }
  return { orders, unseen: state.unseen };
}

function byNewestUpdate(orders: StaffOrderView[]): StaffOrderView[] {
  return [...orders].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Open orders grouped by status, oldest first in each group (the kitchen works first in, first out). */
export function openColumns(state: BoardState): { status: OpenStatus; orders: StaffOrderView[] }[] {
  const groups = new Map<OrderStatus, StaffOrderView[]>(OPEN_STATUSES.map((status) => [status, []]));
  for (const order of Object.values(state.orders)) groups.get(order.status)?.push(order);
  return OPEN_STATUSES.map((status) => ({
    status,
    orders: (groups.get(status) ?? []).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  }));
}

export function recentlyFinished(state: BoardState): StaffOrderView[] {
  return byNewestUpdate(Object.values(state.orders).filter((order) => isTerminal(order.status)));
}
