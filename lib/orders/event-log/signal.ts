/**
 * The in-process wake-up of the order event log. The write path calls `notifyOrderEvents()`
 * (through `eventCommitted()`) after a commit that wrote events; the process's hub listens and
 * reads the log from its cursor. SQLite runs in one process, so this is enough there; on
 * PostgreSQL the hub also listens to every instance's writes (pg-wake.ts).
 */
import { processSlot } from "@/lib/runtime";
import { createSignal, type WakeSource } from "@/lib/sse/wake";

// One signal per process (lib/runtime.ts): a write through Next's bundle must wake the hub that
// server.ts's copy of the stream route started, and Next's dev server re-evaluates modules.
const processSignal = processSlot("signal", createSignal);

/** `upTo`: the highest event id the commit wrote, so a hub that has read that far skips the read. */
export function notifyOrderEvents(upTo?: number): void {
  processSignal().notify(upTo);
}

/** The process's signal as a wake source, looked up at each subscription (tests may reset it). */
export const inProcessWakeSource: WakeSource = {
  subscribe: (listener) => processSignal().source.subscribe(listener),
};
