/**
 * Notices when a connection may have died without the browser knowing: after the laptop slept
 * (the wall clock jumped past a cheap interval), after the tab was hidden for long (browsers
 * freeze or throttle hidden tabs), and when the network comes back.
 */
import type { WakeEvents } from "./stream-transport";

export const TICK_MS = 2_000;
/** A tick this much later than due means the machine was asleep (or the tab frozen). */
export const JUMP_MS = 20_000;
/** Hidden this long, the tab reconnects when it is shown again. */
export const LONG_HIDDEN_MS = 60_000;

/** Whether a tick due `TICK_MS` after `previous` that ran at `now` shows a sleep in between. */
export function isClockJump(previous: number, now: number): boolean {
  return now - previous > TICK_MS + JUMP_MS;
}

/** Watches this browser for wakes; reports `offline` at once when it starts offline. */
export function watchBrowserWake(events: WakeEvents): () => void {
  let last = Date.now();
  let hiddenAt: number | null = document.visibilityState === "hidden" ? last : null;
  const tick = setInterval(() => {
    const now = Date.now();
    const jumped = isClockJump(last, now);
    last = now;
    // Hidden tabs' timers are throttled to a minute or more: a late tick there proves nothing,
    // and showing the tab again is noticed below.
    if (jumped && document.visibilityState === "visible") events.wake();
  }, TICK_MS);
  const onVisibility = () => {
    if (document.visibilityState === "hidden") {
      hiddenAt = Date.now();
      return;
    }
    const since = hiddenAt;
    hiddenAt = null;
    if (since !== null && Date.now() - since >= LONG_HIDDEN_MS) events.wake();
  };
  const onOnline = () => events.wake();
  const onOffline = () => events.offline();
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  if (!navigator.onLine) events.offline();
  return () => {
    clearInterval(tick);
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
  };
}
