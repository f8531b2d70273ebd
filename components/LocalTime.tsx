"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while rendering on the server and while hydrating, true afterwards. Text that depends on
 * the browser (its time zone, the current time) renders only once this is true, so the server's
 * HTML and the hydrating render always agree.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Deterministic on any machine: what the server renders before the browser knows its zone. */
function utcTime(date: Date, withDate: boolean): string {
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
  return withDate ? `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${time}` : time;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/**
 * A `<time>` showing the hour and minute in the reader's own time zone; `withDate` adds the day,
 * for moments that may be days or months back (when an API key was made).
 */
export function LocalTime({ iso, withDate = false, className }: { iso: string; withDate?: boolean; className?: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  const shown = hydrated ? (withDate ? dateTimeFormat : timeFormat).format(date) : utcTime(date, withDate);
  return (
    <time dateTime={iso} className={className} title={hydrated ? fullFormat.format(date) : undefined}>
      {shown}
    </time>
  );
}
