"use client";

import { useSyncExternalStore } from "react";

// One ticker for every timer on the page, started by the first subscriber and stopped by the last.
const TICK_MS = 15_000;
let now = Date.now();
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!ticker) {
    now = Date.now();
    ticker = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

/** "just now", "4 min", "1 h 12 min": how long ago `since` was. */
export function formatElapsed(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** The reader's clock in ms, refreshed by the shared ticker; null on the server (its clock is not the reader's). */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}

/** Time since `since`, refreshed by the shared ticker; empty on the server. */
export function Elapsed({ since, className }: { since: string; className?: string }) {
  const current = useNow();
  if (current === null) return null;
  return (
    <time dateTime={since} className={className}>
      {formatElapsed(current - new Date(since).getTime())}
    </time>
  );
}
