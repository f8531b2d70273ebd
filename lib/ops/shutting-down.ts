/**
 * Whether this instance is shutting down. lib/server/shutdown.ts sets it on SIGTERM or SIGINT; the
 * health check then says no (so the balancer stops routing here) and the stream endpoints refuse
 * new streams (lib/api/event-streams.ts).
 */
import { processSlot } from "@/lib/runtime";

// One per process: server.ts's signal handler sets it and Next's bundles (/api/health) read it,
// each through its own copy of this module (lib/runtime.ts).
const shutdown = processSlot("shutdown", () => ({ shuttingDown: false }));

export function isShuttingDown(): boolean {
  return shutdown.peek()?.shuttingDown === true;
}

export function beginShutdown(): void {
  shutdown().shuttingDown = true;
}
