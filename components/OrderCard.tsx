"use client";

import type { FocusEvent } from "react";
import { ACTION_LABELS, STATUS_LABELS, canCancel, nextStatus, type OrderStatus } from "@/lib/orders/status";
import { actorPhrase, orderSource } from "@/lib/orders/actor";
import type { StaffOrderView } from "@/lib/orders/types";
import { lastStaffNote } from "./board-filter";
import { Elapsed } from "./Elapsed";
import { ItemList } from "./ItemList";
import { LineIcon } from "./LineIcon";
import { LocalTime } from "./LocalTime";

function Spinner() {
  return <span className="size-3.5 animate-spin rounded-full border-2 border-current/30 border-t-current" aria-hidden="true" />;
}

/** The DOM id of an order's card, so the board can move focus to it. */
export function cardDomId(orderId: string): string {
  return `order-card-${orderId}`;
}

/**
 * One open order on the staff board, with the buttons that move it on. The card itself takes
 * focus, so the keyboard can walk the board and act on the focused order (board-keyboard.ts).
 */
export function OrderCard({
  order,
  pendingTarget,
  isNew,
  onTransition,
  onOpenDialog,
  onFocus,
}: {
  order: StaffOrderView;
  /** The status a request in flight is moving this order to; its buttons stay disabled meanwhile. */
  pendingTarget: OrderStatus | undefined;
  /** Arrived while the board was open and nobody has looked at it yet. */
  isNew: boolean;
  onTransition: (order: StaffOrderView, to: OrderStatus) => void;
  /** Opens the note dialog: a cancel with its reason, or an advance with a note. */
  onOpenDialog: (order: StaffOrderView, to: OrderStatus) => void;
  onFocus: (order: StaffOrderView, event: FocusEvent<HTMLElement>) => void;
}) {
  const next = nextStatus(order.status);
  const cancellable = canCancel(order.status);
  const busy = pendingTarget !== undefined;
  const last = order.timeline[order.timeline.length - 1];
  const staffNote = lastStaffNote(order);
  const headingId = `order-${order.id}-code`;
  const source = orderSource(order);
  const shortcuts = [next ? "Enter A N" : null, cancellable ? "X C" : null].filter(Boolean).join(" ");

  return (
    <article
      id={cardDomId(order.id)}
      tabIndex={0}
      data-testid="order-card"
      data-order-id={order.id}
      data-code={order.code}
      data-status={order.status}
      data-version={order.version}
      data-new={isNew || undefined}
      aria-labelledby={headingId}
      aria-describedby={`${headingId}-who`}
      aria-keyshortcuts={shortcuts || undefined}
      aria-busy={busy || undefined}
      onFocus={(event) => onFocus(order, event)}
      className={`@container animate-arrive scroll-my-24 rounded-2xl border bg-white p-4 shadow-sm transition-shadow focus:ring-2 focus:ring-brand-500/50 focus-visible:outline-3 focus-visible:outline-offset-2 dark:bg-stone-900 ${
        isNew
          ? "animate-glow border-brand-500 ring-2 ring-brand-500/30 dark:border-brand-400"
          : "border-stone-200 dark:border-stone-800"
      }`}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="flex items-center gap-2">
          <h3 id={headingId} className="font-mono text-lg font-bold tracking-wider">
            {order.code}
          </h3>
          {isNew && (
            <span className="rounded-full bg-brand-700 px-2 py-0.5 text-[0.65rem] font-bold tracking-wide text-white uppercase">
              New
            </span>
          )}
        </div>
        <Elapsed since={order.createdAt} className="pt-1 text-xs font-medium tabular-nums text-stone-600 dark:text-stone-400" />
      </header>
      <p id={`${headingId}-who`} className="mt-0.5 font-medium break-words">
        {order.customerName}
      </p>
      {source && (
        <p data-testid="order-source" className="text-xs break-words text-stone-600 dark:text-stone-400">
          <span className="sr-only">Placed through </span>
          {source}
        </p>
      )}
      <ItemList items={order.items} className="mt-2 text-sm" />
      {order.note && (
        <p className="mt-2 rounded-lg bg-amber-50 px-2.5 py-1.5 text-sm break-words whitespace-pre-line text-amber-950 dark:bg-amber-950/50 dark:text-amber-100">
          <span className="sr-only">Customer&apos;s note: </span>
          {order.note}
        </p>
      )}
      {staffNote && (
        <p
          data-testid="staff-note"
          className="mt-2 flex gap-1.5 rounded-lg bg-sky-50 px-2.5 py-1.5 text-sm break-words whitespace-pre-line text-sky-950 dark:bg-sky-950/50 dark:text-sky-100"
        >
          <LineIcon className="mt-0.5 size-4 shrink-0" strokeWidth={2}>
            <path d="M4 5h16v11H9l-5 4z" />
          </LineIcon>
          <span className="min-w-0">
            <span className="sr-only">Note to the customer with {STATUS_LABELS[staffNote.status]}: </span>
            {staffNote.note}
          </span>
        </p>
      )}
      {last && (
        <p className="mt-2 text-xs text-stone-600 dark:text-stone-400">
          {STATUS_LABELS[last.status]}
          {last.actor ? ` ${actorPhrase(last.actor)}` : ""} · <LocalTime iso={last.at} />
        </p>
      )}
      {(next || cancellable) && (
        <div className="mt-3 flex flex-col gap-2 @min-[15.5rem]:flex-row">
          {next && (
            <div className="flex min-w-0 flex-1 gap-1">
              <button
                type="button"
                disabled={busy}
                onClick={() => onTransition(order, next)}
                className="inline-flex min-h-10 min-w-0 flex-1 items-center justify-center gap-2 rounded-l-xl rounded-r-md bg-brand-700 px-3 py-2 text-center text-sm leading-tight font-semibold text-white shadow-sm transition hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60"
              >
                {pendingTarget === next && <Spinner />}
                {ACTION_LABELS[next]}
              </button>
              <button
                type="button"
                disabled={busy}
                aria-haspopup="dialog"
                aria-label={`${ACTION_LABELS[next]} with a note`}
                title={`${ACTION_LABELS[next]} with a note (N)`}
                onClick={() => onOpenDialog(order, next)}
                className="inline-flex min-h-10 min-w-10 shrink-0 items-center justify-center rounded-l-md rounded-r-xl bg-brand-700 px-2 text-white shadow-sm transition hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60"
              >
                <LineIcon className="size-4" strokeWidth={2}>
                  <path d="M4 20h4L19 9l-4-4L4 16z" />
                  <path d="m13.5 6.5 4 4" />
                </LineIcon>
              </button>
            </div>
          )}
          {cancellable && (
            <button
              type="button"
              disabled={busy}
              aria-haspopup="dialog"
              onClick={() => onOpenDialog(order, "cancelled")}
              className="inline-flex min-h-10 items-center justify-center gap-2 rounded-xl border border-stone-300 px-3 py-2 text-sm font-semibold whitespace-nowrap text-stone-700 transition hover:border-status-cancelled/50 hover:bg-status-cancelled/10 hover:text-status-cancelled disabled:cursor-not-allowed disabled:opacity-60 dark:border-stone-700 dark:text-stone-200"
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
