/** The order status machine: the one place that says which status may follow which. */

export const ORDER_STATUSES = [
  "placed",
  "confirmed",
  "preparing",
  "ready",
  "out_for_delivery",
  "delivered",
  "cancelled",
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The happy path, in order. `cancelled` is a side exit. */
export const PROGRESS: readonly OrderStatus[] = ORDER_STATUSES.filter((status) => status !== "cancelled");

const CANCELLABLE: ReadonlySet<OrderStatus> = new Set(["placed", "confirmed", "preparing"]);

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(["delivered", "cancelled"]);

export type OpenStatus = Exclude<OrderStatus, "delivered" | "cancelled">;

/** The statuses of orders still in progress, in happy-path order (the board's columns). */
export const OPEN_STATUSES: readonly OpenStatus[] = PROGRESS.filter(
  (status): status is OpenStatus => !TERMINAL_STATUSES.has(status),
);

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** The status that follows on the happy path, or null at its end or after a cancellation. */
export function nextStatus(status: OrderStatus): OrderStatus | null {
  const index = PROGRESS.indexOf(status);
  if (index === -1 || index === PROGRESS.length - 1) return null;
  return PROGRESS[index + 1] ?? null;
}

export function canCancel(status: OrderStatus): boolean {
  return CANCELLABLE.has(status);
}

/** Every status an order in `from` may move to. */
export function allowedTransitions(from: OrderStatus): OrderStatus[] {
  const next = nextStatus(from);
  const targets: OrderStatus[] = next ? [next] : [];
  if (canCancel(from)) targets.push("cancelled");
  return targets;
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return allowedTransitions(from).includes(to);
}

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: "Placed",
  confirmed: "Confirmed",
  preparing: "Preparing",
  ready: "Ready",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

export const STATUS_DESCRIPTIONS: Record<OrderStatus, string> = {
  placed: "We have received your order.",
  confirmed: "The shop has accepted your order.",
  preparing: "Your order is being prepared.",
  ready: "Your order is ready and waiting for the courier.",
  out_for_delivery: "Your order is on its way to you.",
  delivered: "Your order has been delivered. Enjoy!",
  cancelled: "Your order has been cancelled.",
};

/** The label of the button staff press to move an order to `to`. */
export const ACTION_LABELS: Record<OrderStatus, string> = {
  placed: "Place",
  confirmed: "Confirm",
  preparing: "Start preparing",
  ready: "Mark ready",
  out_for_delivery: "Send out",
  delivered: "Mark delivered",
  cancelled: "Cancel",
};
