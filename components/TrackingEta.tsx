"use client";

import { useNow } from "@/lib/hooks/use-now";
import { OPEN_STATUSES } from "@/lib/orders/status";
import { estimate, formatRemaining, type StageDurations } from "@/lib/orders/estimate";
import type { OrderView } from "@/lib/orders/types";
import { LocalTime } from "./LocalTime";

/** Where the estimate comes from, in words: learned history, or typical times until there is some. */
function basis(durations: StageDurations, from: (typeof OPEN_STATUSES)[number]): string {
  const ahead = OPEN_STATUSES.slice(OPEN_STATUSES.indexOf(from)).map((status) => durations.stages[status]);
  if (ahead.every((stage) => stage.learned)) {
    return `Estimated from ${Math.min(...ahead.map((stage) => stage.samples))} recent orders.`;
  }
  return "Estimated from typical times; it gets sharper as the shop fills orders.";
}

/**
 * The order's estimated delivery (and ready) time, the time left and a progress bar, for an
 * order still in progress. It recomputes on every status change (its props) and every few
 * seconds between them, so the bar keeps moving; a stage that runs over moves the estimate out.
 */
export function TrackingEta({
  order,
  durations,
  serverNow,
}: {
  order: Pick<OrderView, "status" | "createdAt" | "timeline">;
  durations: StageDurations;
  serverNow: number;
}) {
  const now = useNow(serverNow);
  const result = estimate(order, durations, now);
  if (result.kind !== "open") return null;

  const deliveryIso = new Date(result.deliveryAt).toISOString();
  const percent = Math.round(result.progress * 100);
  const remaining = formatRemaining(result.remainingMs);

  return (
    <div data-testid="eta" data-delivery-at={deliveryIso} data-overdue={result.overdue} className="mt-6">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-1">
        <div>
          <p id="eta-heading" className="text-xs font-semibold tracking-wide text-stone-500 uppercase dark:text-stone-400">
            Estimated delivery
          </p>
          <p className="text-3xl font-bold tracking-tight tabular-nums sm:text-4xl">
            <span className="sr-only">around </span>
            <LocalTime iso={deliveryIso} />
          </p>
        </div>
        <div className="pb-1 text-stone-600 sm:text-right dark:text-stone-300">
          <p>
            <span data-testid="eta-remaining" className="font-semibold text-stone-900 dark:text-stone-50">
              {remaining}
            </span>{" "}
            to go
          </p>
          {result.readyAt !== null && (
            <p className="text-sm">
              Ready around <LocalTime iso={new Date(result.readyAt).toISOString()} />
            </p>
          )}
        </div>
      </div>

      <progress
        data-testid="eta-progress"
        max={1}
        value={result.progress}
        aria-label="Order progress"
        aria-valuetext={`${percent}%, ${remaining} to go`}
        className="mt-4 block h-2.5 w-full appearance-none overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800 [&::-moz-progress-bar]:min-w-2.5 [&::-moz-progress-bar]:rounded-full [&::-moz-progress-bar]:bg-brand-500 [&::-webkit-progress-bar]:bg-transparent [&::-webkit-progress-value]:min-w-2.5 [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-brand-500 motion-safe:[&::-webkit-progress-value]:transition-[width] motion-safe:[&::-webkit-progress-value]:duration-1000 motion-safe:[&::-webkit-progress-value]:ease-linear"
      />

      {/* Always rendered, so the apology is announced when it appears and not on page load. */}
      <div aria-live="polite" data-testid="eta-overdue">
        {result.overdue && (
          <p className="mt-3 rounded-xl bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-200">
            This step is taking a little longer than usual, so we have moved your estimate. Thanks for your patience!
          </p>
        )}
      </div>
      <p className="mt-2 text-xs text-stone-500 dark:text-stone-400">{basis(durations, result.status)}</p>
    </div>
  );
}
