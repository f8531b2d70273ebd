/**
 * One webhook delivery: a signed POST (Standard Webhooks, through the `standardwebhooks` package)
 * with a time limit, to an address the target guard allows, never following a redirect. Any
 * 2xx is a delivery; anything else, or no answer in time, is a failure the caller retries.
 */
import "server-only";
import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import ipaddr from "ipaddr.js";
import { guardedLookup, refusedAddress } from "./target-guard";

/** A Standard Webhooks message: `id` is the same on every attempt, so receivers can drop repeats. */
export interface WebhookMessage {
  id: string;
  /** The JSON body: `{ type, timestamp, data }`. */
  payload: string;
}

export interface Attempt {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const USER_AGENT = "Tracker-Webhooks/1";
/** Receivers answer with a few bytes; more is read and dropped, but not beyond this. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Standard Webhooks' three headers for `message` signed with `secret` at `now`. */
export function signedHeaders(secret: string, message: WebhookMessage, now: Date): Record<string, string> {
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(message.id, now, message.payload),
  };
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** `signal` aborts the attempt (the dispatcher stopping): no later answer can then be mistaken for it. */
export function sendWebhook(url: string, secret: string, message: WebhookMessage, timeoutMs: number, signal?: AbortSignal): Promise<Attempt> {
  const started = performance.now();
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  const took = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (attempt: Omit<Attempt, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...attempt, durationMs: took() });
    };
    // An IP literal skips the lookup, so it is checked here.
    const refused = ipaddr.isValid(literal) ? refusedAddress(literal) : null;
    if (refused) return resolve({ ok: false, statusCode: null, error: `refused: ${refused}`, durationMs: 0 });
    const body = Buffer.from(message.payload);
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: "POST",
      lookup: guardedLookup,
      headers: {
        "content-type": "application/json",
        "content-length": body.length,
        "user-agent": USER_AGENT,
        ...signedHeaders(secret, message, new Date()),
      },
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const abort = () => request.destroy(new Error("stopped: the server is shutting down"));
    if (signal?.aborted) abort();
    signal?.addEventListener("abort", abort, { once: true });
    request.on("close", () => signal?.removeEventListener("abort", abort));
    request.on("error", (error) => finish({ ok: false, statusCode: null, error: errorText(error) }));
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) response.destroy();
      });
      const done = () =>
        finish({
          ok: status >= 200 && status < 300,
          statusCode: status,
          error: status >= 300 && status < 400 ? `redirect to ${response.headers.location ?? "?"} not followed` : null,
        });
      response.on("end", done);
      response.on("close", done);
      response.on("error", done);
    });
    request.end(body);
  });
}
