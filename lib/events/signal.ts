/**
 * The hub's wake-up source. The write path calls `notifyOrderEvents()` after a commit that wrote
 * events; the hub listens and reads the log from its cursor. SQLite runs in one process, so an
 * in-process signal is enough; a multi-instance deployment plugs in another source (LISTEN/NOTIFY).
 */
export interface WakeSource {
  /** Calls `listener` whenever new events may be in the log; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

type Listener = () => void;

// Kept on globalThis so that the write path and the hub share one signal even when Next's dev
// server evaluates the module twice.
const globalForSignal = globalThis as typeof globalThis & { __trackerSignal?: Set<Listener> };

function listeners(): Set<Listener> {
  globalForSignal.__trackerSignal ??= new Set();
  return globalForSignal.__trackerSignal;
}

export function notifyOrderEvents(): void {
  for (const listener of listeners()) listener();
}

export const inProcessWakeSource: WakeSource = {
  subscribe(listener) {
    listeners().add(listener);
    return () => listeners().delete(listener);
  },
};
