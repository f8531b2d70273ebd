/**
 * The hub's wake-up source. The write path calls `notifyOrderEvents()` (through `eventCommitted()`)
 * after a commit that wrote events; the hub listens and reads the log from its cursor. SQLite
 * runs in one process, so an in-process signal is enough; a multi-instance deployment plugs in another source (LISTEN/NOTIFY).
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

// Kept on globalThis so that the write path and the hub share one signal even when Next's dev
// server evaluates the module twice.
const globalForSignal = globalThis as typeof globalThis & { __trackerSignal?: Signal };
const processSignal = (globalForSignal.__trackerSignal ??= createSignal());

export function notifyOrderEvents(): void {
  processSignal.notify();
}

export const inProcessWakeSource: WakeSource = processSignal.source;

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
