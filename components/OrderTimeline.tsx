import { STATUS_LABELS } from "@/lib/orders/status";
import { actorPhrase } from "@/lib/orders/actor";
import type { Actor, OrderEventPayload } from "@/lib/orders/types";
import { LocalTime } from "./LocalTime";
import { StatusIcon } from "./StatusIcon";
import { STATUS_STYLES } from "./status-styles";

type Entry = OrderEventPayload & { actor?: Actor | null };

/** The order's events, oldest first; the newest one is emphasised. */
export function OrderTimeline({ timeline }: { timeline: readonly Entry[] }) {
  const newest = timeline[timeline.length - 1]?.eventId;
  return (
    <ol aria-label="Order timeline" className="relative">
      {timeline.map((entry, index) => {
        const isNewest = entry.eventId === newest;
        const isLast = index === timeline.length - 1;
        return (
          <li
            key={entry.eventId}
            data-testid="timeline-entry"
            data-status={entry.status}
            data-event-id={entry.eventId}
            className={`relative flex gap-4 pb-6 last:pb-0 ${isNewest && index > 0 ? "animate-arrive" : ""}`}
          >
            {!isLast && (
              <span
                className="absolute top-9 bottom-0 left-[17px] w-0.5 rounded bg-stone-200 dark:bg-stone-800"
                aria-hidden="true"
              />
            )}
            <span
              className={`relative z-10 flex size-9 shrink-0 items-center justify-center rounded-full ${
                isNewest ? `${STATUS_STYLES[entry.status].dot} text-white dark:text-stone-950` : STATUS_STYLES[entry.status].soft
              }`}
            >
              <StatusIcon status={entry.status} className="size-5" />
            </span>
            <div className="min-w-0 flex-1 pt-1.5">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <p className={`font-semibold ${isNewest ? "" : "text-stone-600 dark:text-stone-300"}`}>
                  {STATUS_LABELS[entry.status]}
                </p>
                <LocalTime iso={entry.at} className="text-sm tabular-nums text-stone-500 dark:text-stone-400" />
              </div>
              {entry.note && (
                <p
                  data-testid="timeline-note"
                  className="mt-1.5 rounded-xl rounded-tl-sm bg-stone-100 px-3 py-2 text-sm break-words whitespace-pre-line text-stone-700 dark:bg-stone-800 dark:text-stone-200"
                >
                  {entry.note}
                </p>
              )}
              {entry.actor && (
                <p className="mt-0.5 text-xs text-stone-500 dark:text-stone-400">{actorPhrase(entry.actor)}</p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
