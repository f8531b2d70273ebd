/**
 * What wakes a hub: anything that can say "new events may be in the log". The hub then reads the
 * log from its cursor, so a wake-up carries no events and a spurious one costs a read, never an
 * event. A wake-up may name the id it is about (`upTo`: events up to it are committed); a hub
 * that has read that far already skips the read. The event log's writers decide which sources
 * exist (lib/orders/event-log/signal.ts).
 */

/** Called on a wake-up; `upTo`, when known, is the highest event id the wake-up is about. */
export type WakeListener = (upTo?: number) => void;

export interface WakeSource {
  /** Calls `listener` whenever new events may be in the log; returns an unsubscribe function. */
  subscribe(listener: WakeListener): () => void;
}

/** A wake source and the function that fires it. */
export interface Signal {
  source: WakeSource;
  notify(upTo?: number): void;
}

export function createSignal(): Signal {
  const listeners = new Set<WakeListener>();
  return {
    source: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    notify(upTo) {
      for (const listener of listeners) listener(upTo);
    },
  };
}

/** One wake source that fires when any of `sources` does. */
export function combineWakeSources(...sources: WakeSource[]): WakeSource {
  return {
    subscribe(listener) {
      const stops = sources.map((source) => source.subscribe(listener));
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}
