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
function utcTime(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A `<time>` showing the hour and minute in the reader's own time zone. */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  return (
    <time dateTime={iso} className={className} title={hydrated ? fullFormat.format(date) : undefined}>
      {hydrated ? timeFormat.format(date) : utcTime(date)}
    </time>
  );
}
