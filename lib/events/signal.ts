/**
 * The hub's wake-up source. The write path calls `notifyOrderEvents()` (through `eventCommitted()`)
 * after a commit that wrote events; the hub listens and reads the log from its cursor. SQLite
 * runs in one process, so an in-process signal is enough; a multi-instance deployment plugs in another source (LISTEN/NOTIFY).
 */
import { processSlot } from "@/lib/runtime";

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

// One signal per process (lib/runtime.ts): a write through Next's bundle must wake the hub that
// server.ts's copy of the stream route started, and Next's dev server re-evaluates modules.
const processSignal = processSlot("signal", createSignal);

export function notifyOrderEvents(): void {
  processSignal().notify();
}

/** The process's signal as a wake source, looked up at each subscription (tests may reset it). */
export const inProcessWakeSource: WakeSource = {
  subscribe: (listener) => processSignal().source.subscribe(listener),
};

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
