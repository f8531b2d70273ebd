"use client";

import { useMemo, useRef, useState } from "react";
import { useAttention } from "@/lib/hooks/use-attention";
import { trackingEventsPath } from "@/lib/hooks/stream-url";
import { useEventSource } from "@/lib/hooks/use-event-source";
import type { StageDurations } from "@/lib/orders/estimate";
import { STATUS_DESCRIPTIONS, STATUS_LABELS, isTerminal, type OrderStatus } from "@/lib/orders/status";
import type { OrderEventPayload, OrderView } from "@/lib/orders/types";
import { applyOrderEvent } from "@/lib/timeline";
import { ConnectionBadge, connectionHint } from "./ConnectionBadge";
import { CopyLinkButton } from "./CopyLinkButton";
import { ItemList } from "./ItemList";
import { LocalTime } from "./LocalTime";
import { NotifyButton } from "./NotifyButton";
import { OrderTimeline } from "./OrderTimeline";
import { StatusIcon } from "./StatusIcon";
import { StatusStepper } from "./StatusStepper";
import { STATUS_STYLES } from "./status-styles";
import { TrackingEta } from "./TrackingEta";

type TrackingEvents = { "order.status": OrderEventPayload };

/**
 * The live part of the tracking page. It starts from the server's snapshot and the cursor read in
 * the same transaction, so the stream continues exactly where the rendered page ends. `eta` holds
 * each stage's expected duration and `renderedAt` the server's clock, so the estimate the server
 * renders is the one the browser hydrates.
 */
export function TrackingView({
  initialOrder,
  cursor,
  token,
  eta,
  renderedAt,
}: {
  initialOrder: OrderView;
  cursor: number;
  token: string;
  eta: StageDurations;
  renderedAt: number;
}) {
  const [order, setOrder] = useState(initialOrder);
  const drawAttention = useAttention();
  const [announcement, setAnnouncement] = useState("");
  // The stream's callbacks need the order as of the last event, not as of the last render.
  const orderRef = useRef(initialOrder);

  const { state } = useEventSource<TrackingEvents>(trackingEventsPath(token), cursor, {
    handlers: {
      "order.status": (event) => {
        const previous = orderRef.current;
        const next = applyOrderEvent(previous, event);
        if (next === previous) return;
        orderRef.current = next;
        setOrder(next);
        if (next.status !== previous.status) {
          setAnnouncement(`Order ${next.code} is now ${STATUS_LABELS[next.status]}. ${STATUS_DESCRIPTIONS[next.status]}`);
          drawAttention(next);
        }
      },
    },
    isFinished: () => isTerminal(orderRef.current.status),
  });

  const reached = useMemo(() => new Set<OrderStatus>(order.timeline.map((entry) => entry.status)), [order.timeline]);
  const style = STATUS_STYLES[order.status];
  const finished = isTerminal(order.status);
  const finishedAt = finished ? order.timeline[order.timeline.length - 1]?.at : undefined;
  // The staff's reason travels as the cancel transition's note.
  const cancelNote = order.timeline.findLast((entry) => entry.status === "cancelled")?.note ?? null;

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-6 sm:py-10">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-stone-500 dark:text-stone-400">
            Thanks, <span className="font-medium text-stone-700 dark:text-stone-200">{order.customerName}</span>
          </p>
          <h1 className="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">
            Order <span className="font-mono tracking-wider">{order.code}</span>
          </h1>
        </div>
        <ConnectionBadge state={state} />
      </header>

      {(state === "reconnecting" || state === "offline") && (
        <p className="mt-3 rounded-xl bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-200">
          {connectionHint(state)}
        </p>
      )}

      <section
        aria-labelledby="current-status-heading"
        className={`mt-6 overflow-hidden rounded-3xl border bg-white p-5 shadow-sm sm:p-7 dark:bg-stone-900 ${style.ring}`}
      >
        <h2 id="current-status-heading" className="sr-only">
          Current status
        </h2>
        <div key={order.status} className="flex animate-arrive items-center gap-4">
          <span className={`flex size-14 shrink-0 items-center justify-center rounded-2xl sm:size-16 ${style.soft}`}>
            <StatusIcon status={order.status} className="size-8 sm:size-9" />
          </span>
          <div className="min-w-0">
            <p data-testid="current-status" className={`text-2xl font-bold tracking-tight sm:text-3xl ${style.text}`}>
              {STATUS_LABELS[order.status]}
            </p>
            <p className="mt-0.5 text-stone-600 dark:text-stone-300">{STATUS_DESCRIPTIONS[order.status]}</p>
          </div>
        </div>
        {order.status === "cancelled" && (
          <div
            data-testid="cancel-reason"
            className="mt-5 rounded-2xl border border-status-cancelled/30 bg-status-cancelled/10 px-4 py-3"
          >
            <p className="text-sm font-semibold text-status-cancelled">
              {cancelNote ? "Message from the shop" : "No reason was given"}
            </p>
            <p className="mt-1 break-words whitespace-pre-line text-stone-800 dark:text-stone-100">
              {cancelNote ?? "Please contact the shop if you have questions about your order."}
            </p>
          </div>
        )}
        {finished ? (
          <div className="mt-6">
            <StatusStepper status={order.status} reached={reached} />
            {finishedAt && (
              <p className="mt-3 text-sm text-stone-600 dark:text-stone-300">
                {STATUS_LABELS[order.status]} at <LocalTime iso={finishedAt} />
              </p>
            )}
          </div>
        ) : (
          <>
            <TrackingEta order={order} durations={eta} serverNow={renderedAt} />
            <NotifyButton orderId={order.id} />
          </>
        )}
      </section>

      <div className="mt-6 grid gap-6 md:grid-cols-5">
        <section
          aria-labelledby="timeline-heading"
          className="rounded-3xl border border-stone-200 bg-white p-5 shadow-sm sm:p-7 md:col-span-3 dark:border-stone-800 dark:bg-stone-900"
        >
          <h2 id="timeline-heading" className="mb-5 text-sm font-semibold tracking-wide text-stone-500 uppercase dark:text-stone-400">
            Timeline
          </h2>
          <OrderTimeline timeline={order.timeline} />
        </section>

        <section
          aria-labelledby="details-heading"
          className="rounded-3xl border border-stone-200 bg-white p-5 shadow-sm sm:p-7 md:col-span-2 dark:border-stone-800 dark:bg-stone-900"
        >
          <h2 id="details-heading" className="mb-4 text-sm font-semibold tracking-wide text-stone-500 uppercase dark:text-stone-400">
            Your order
          </h2>
          <ItemList items={order.items} />
          {order.note && (
            <div className="mt-4 rounded-xl bg-stone-100 px-3 py-2 text-sm dark:bg-stone-800">
              <p className="font-medium text-stone-600 dark:text-stone-300">Note</p>
              <p className="mt-0.5 break-words whitespace-pre-line">{order.note}</p>
            </div>
          )}
          <p className="mt-4 text-sm text-stone-500 dark:text-stone-400">
            Placed at <LocalTime iso={order.createdAt} />
          </p>
        </section>
      </div>

      <footer className="mt-6 flex flex-col gap-3 text-sm text-stone-500 sm:flex-row sm:items-center sm:justify-between dark:text-stone-400">
        <p>
          {finished
            ? "This order is finished. Thanks for ordering with us!"
            : "This page updates by itself. Keep it open, or bookmark it to check back later."}
        </p>
        <CopyLinkButton />
      </footer>

      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="status-announcer">
        {announcement}
      </div>
    </div>
  );
}
