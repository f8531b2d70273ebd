"use client";

import { ACTION_LABELS, STATUS_LABELS, canCancel, nextStatus, type OrderStatus } from "@/lib/orders/status";
import type { StaffOrderView } from "@/lib/orders/types";
import { Elapsed } from "./Elapsed";
import { ItemList } from "./ItemList";
import { LocalTime } from "./LocalTime";

function Spinner() {
  return <span className="size-3.5 animate-spin rounded-full border-2 border-current/30 border-t-current" aria-hidden="true" />;
}

/** One open order on the staff board, with the buttons that move it on. */
export function OrderCard({
  order,
  pendingTarget,
  highlighted,
  onTransition,
}: {
  order: StaffOrderView;
  /** The status a request in flight is moving this order to; its buttons stay disabled meanwhile. */
  pendingTarget: OrderStatus | undefined;
  highlighted: boolean;
  onTransition: (order: StaffOrderView, to: OrderStatus) => void;
}) {
  const next = nextStatus(order.status);
  const cancellable = canCancel(order.status);
  const busy = pendingTarget !== undefined;
  const last = order.timeline[order.timeline.length - 1];
  const headingId = `order-${order.id}-code`;

  return (
    <article
      data-testid="order-card"
      data-order-id={order.id}
      data-code={order.code}
      data-status={order.status}
      data-version={order.version}
      aria-labelledby={headingId}
      aria-busy={busy || undefined}
      className={`@container animate-arrive rounded-2xl border bg-white p-4 shadow-sm transition-shadow dark:bg-stone-900 ${
        highlighted
          ? "animate-glow border-brand-400 dark:border-brand-600"
          : "border-stone-200 dark:border-stone-800"
      }`}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="flex items-center gap-2">
          <h3 id={headingId} className="font-mono text-lg font-bold tracking-wider">
            {order.code}
          </h3>
          {highlighted && (
            <span className="rounded-full bg-brand-600 px-2 py-0.5 text-[0.65rem] font-bold tracking-wide text-white uppercase">
              New
            </span>
          )}
        </div>
        <Elapsed since={order.createdAt} className="pt-1 text-xs font-medium tabular-nums text-stone-500 dark:text-stone-400" />
      </header>
      <p className="mt-0.5 font-medium break-words">{order.customerName}</p>
      <ItemList items={order.items} className="mt-2 text-sm" />
      {order.note && (
        <p className="mt-2 rounded-lg bg-amber-50 px-2.5 py-1.5 text-sm break-words text-amber-950 dark:bg-amber-950/50 dark:text-amber-100">
          <span className="sr-only">Note: </span>
          {order.note}
        </p>
      )}
      {last && (
        <p className="mt-2 text-xs text-stone-500 dark:text-stone-400">
          {STATUS_LABELS[last.status]}
          {last.actor ? ` by ${last.actor.name}` : ""} · <LocalTime iso={last.at} />
        </p>
      )}
      {(next || cancellable) && (
        <div className="mt-3 flex flex-col gap-2 @min-[15.5rem]:flex-row">
          {next && (
            <button
              type="button"
              disabled={busy}
              onClick={() => onTransition(order, next)}
              className="inline-flex min-h-10 flex-1 items-center whitespace-nowrap justify-center gap-2 rounded-xl bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
            >
              {pendingTarget === next && <Spinner />}
              {ACTION_LABELS[next]}
            </button>
          )}
          {cancellable && (
            <button
              type="button"
              disabled={busy}
              onClick={() => onTransition(order, "cancelled")}
              className="inline-flex min-h-10 items-center justify-center gap-2 rounded-xl border whitespace-nowrap border-stone-300 px-3 py-2 text-sm font-semibold text-stone-700 transition hover:border-status-cancelled/50 hover:bg-status-cancelled/10 hover:text-status-cancelled disabled:cursor-not-allowed disabled:opacity-60 dark:border-stone-700 dark:text-stone-200"
            >
              {pendingTarget === "cancelled" && <Spinner />}
              Cancel
            </button>
          )}
        </div>
      )}
    </article>
  );
}
