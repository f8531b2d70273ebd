/**
 * Graceful shutdown of one instance (SIGTERM from a deploy, a scale-in, systemd; SIGINT from a
 * terminal). SSE streams never end by themselves, so a server that only waited for open requests
 * would wait for ever. This module:
 * 1. marks the instance as shutting down: the stream endpoints refuse new streams with 503 +
 *    Retry-After (nginx retries them on another instance), the health check fails;
 * 2. closes every open stream after a short, jittered `retry:`, so browsers reconnect (through
 *    the proxy, to another instance) within a second, spread out instead of all at once;
 * 3. lets in-flight writes finish: they are ordinary requests, which the server waits for;
 * 4. stops the webhook dispatcher: a delivery under way is abandoned, and the endpoint's cursor
 *    (not yet past it) has it sent again after the restart, or by another instance;
 * 5. closes the LISTEN connection, and exits anyway after TRACKER_SHUTDOWN_TIMEOUT_MS.
 */
import "server-only";
import type { Server } from "node:http";
import { intFromEnv } from "@/lib/env";
import { stopWebhookDispatcher } from "@/lib/integrations/webhooks/dispatcher";
import { beginShutdown } from "@/lib/ops/shutting-down";
import { existingHub, processListener } from "@/lib/orders/event-log/hub";
import { processSlot } from "@/lib/runtime";
import { encodeRetry } from "@/lib/sse/encoder";

/** Reconnect delays handed to closed streams, spread over this range. */
export const SHUTDOWN_RETRY_MIN_MS = 100;
export const SHUTDOWN_RETRY_MAX_MS = 1000;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

// One per process, so the handlers are installed once whichever module copy asks (lib/runtime.ts).
const handlers = processSlot("shutdownHandlers", () => ({ installed: false }));

const encoder = new TextEncoder();

function jitteredRetry(): Uint8Array {
  const ms = SHUTDOWN_RETRY_MIN_MS + Math.floor(Math.random() * (SHUTDOWN_RETRY_MAX_MS - SHUTDOWN_RETRY_MIN_MS));
  return encoder.encode(encodeRetry(ms));
}

/** Steps 1 and 2 at once (returns how many streams it closed), then closes the LISTEN connection. */
export function shutDownStreams(): { closed: number; listenerClosed: Promise<void> } {
  beginShutdown();
  const closed = existingHub()?.shutdown(jitteredRetry) ?? 0;
  return { closed, listenerClosed: processListener()?.close() ?? Promise.resolve() };
}

function timeoutMs(): number {
  return intFromEnv("TRACKER_SHUTDOWN_TIMEOUT_MS", DEFAULT_SHUTDOWN_TIMEOUT_MS);
}

/**
 * Called once by server.ts. On SIGTERM or SIGINT: steps 1 and 2, then the server stops accepting
 * connections and closes idle ones, waits for open requests (step 3), and exits with 128 + the
 * signal's number, as a process stopped by it would report; 1 if requests outlive the timeout.
 *
 * A broken stdout or stderr pipe stops it the same way, with SIGPIPE's code: whoever read its logs
 * (a supervisor, `| tee`) is gone. Node ignores SIGPIPE, and an orphaned instance was seen holding
 * two thirds of a core for minutes, failing a thousand log writes a second, slow to obey SIGTERM.
 */
export function installGracefulShutdown(server: Server): void {
  const state = handlers();
  if (state.installed) return;
  state.installed = true;
  let stopping = false;
  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    const limit = timeoutMs();
    // If a request never finishes, exit anyway: the orchestrator would kill us regardless.
    setTimeout(() => {
      console.error(`[tracker] requests still open ${limit} ms after ${reason}; exiting`);
      process.exit(1);
    }, limit).unref();
    const { closed, listenerClosed } = shutDownStreams();
    void stopWebhookDispatcher().catch((error: unknown) => console.error("[tracker] stopping webhook deliveries", error));
    console.log(`[tracker] ${reason}: closed ${closed} event streams; finishing open requests`);
    const listener = listenerClosed.catch((error: unknown) => console.error("[tracker] closing the LISTEN connection", error));
    server.close(() => void listener.then(() => process.exit(code)));
    server.closeIdleConnections();
  };
  for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) process.once(signal, () => stop(signal, code));
  for (const output of [process.stdout, process.stderr]) {
    output.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") stop("EPIPE on its log output", 141);
    });
  }
}
