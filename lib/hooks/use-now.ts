"use client";

import { useCallback, useSyncExternalStore } from "react";

/** How often estimates move between events: often enough for a bar, far from per-frame work. */
export const NOW_TICK_MS = 5_000;

// One ticker for every subscriber on the page, started by the first and stopped by the last.
let now = 0;
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!ticker) {
    now = Date.now();
    ticker = setInterval(tick, NOW_TICK_MS);
    // A tab coming back from the background catches up at once, not at the next tick.
    document.addEventListener("visibilitychange", tick);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
      document.removeEventListener("visibilitychange", tick);
    }
  };
}

function snapshot(): number {
  // Stable between calls (React compares snapshots); the ticker moves it on.
  if (now === 0) now = Date.now();
  return now;
}

/**
 * The current time, refreshed every NOW_TICK_MS. The server render and the hydrating render use
 * `serverNow` (the time the server rendered at), so both produce the same HTML.
 */
export function useNow(serverNow: number): number {
  const serverSnapshot = useCallback(() => serverNow, [serverNow]);
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}

/** The reader's clock on the same ticker; null on the server, whose clock is not the reader's. */
export function useClientNow(): number | null {
  return useSyncExternalStore(subscribe, snapshot, serverHasNoClock);
}

function serverHasNoClock(): null {
  return null;
}
