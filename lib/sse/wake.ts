/**
 * What wakes a hub: anything that can say "new events may be in the log". The hub then reads the
 * log from its cursor, so a wake-up carries no data and a spurious one costs a read, never an
 * event. The event log's writers decide which sources exist (lib/orders/event-log/signal.ts).
 */

export interface WakeSource {
  /** Calls `listener` whenever new events may be in the log; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** A wake source and the function that fires it. */
export interface Signal {
  source: WakeSource;
  notify(): void;
}

export function createSignal(): Signal {
  const listeners = new Set<() => void>();
  return {
    source: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    notify() {
      for (const listener of listeners) listener();
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
