/**
 * The two SSE paths served below Next, in the same `next start` process (issue 4: memory per
 * stream). For every in-flight response Next keeps ~16 suspended async frames (router-server →
 * base-server → app-route → sendResponse → pipeToNodeResponse → ReadableStream.pipeTo) with
 * their request and response wrappers: ~74 KB of live heap per open stream, measured with heap
 * snapshots. These two paths skip that machinery and the hub's bytes go straight to the Node
 * response; everything else (pages, the other API routes) still goes through Next.
 *
 * The rules are the route handlers' own (lib/events/endpoints.ts: shutdown 503, staff auth,
 * cursor, 404/204); the route handlers stay for `next dev` and for TRACKER_STREAM_INGRESS=next.
 * What Next would apply and this path does not: middleware (there is none), next.config
 * headers/rewrites/basePath, onRequestError and OpenTelemetry spans.
 */
import "server-only";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { RequestLike } from "@/lib/events/cursor";
import { planStaffStream, planTrackStream, type StreamPlan } from "@/lib/events/endpoints";
import { streamHeaders } from "@/lib/events/response";
import { attachCustomerStream, attachStaffStream, type StreamHandle, type StreamSink } from "@/lib/events/stream";

const TRACK = /^\/api\/track\/([^/?#]+)\/events(?:\?|$)/;
const STAFF = /^\/api\/staff\/events(?:\?|$)/;

type Serve = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function route(url: string): Serve | null {
  if (STAFF.test(url)) {
    return (req, res) => serveNode(planStaffStream(view(req)), res, (plan, sink) => attachStaffStream(plan, sink));
  }
  const match = TRACK.exec(url);
  if (!match?.[1]) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return null; // let Next answer a malformed path as it always has
  }
  return (req, res) => serveNode(planTrackStream(view(req), token), res, (plan, sink) => attachCustomerStream(plan, sink));
}

/** What the shared rules read (URL, headers), straight from the Node request: no fetch objects. */
function view(req: IncomingMessage): RequestLike {
  return {
    url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`,
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return (Array.isArray(value) ? value.join(", ") : value).trim();
      },
    },
  };
}

async function sendPlain(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body) headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers).end(body ?? undefined);
}

/** The hub writes to the socket's response; Node's own buffer is the stream's queue. */
async function serveNode<T>(planned: Promise<StreamPlan<T>>, res: ServerResponse, attach: (plan: T, sink: StreamSink) => StreamHandle): Promise<void> {
  const plan = await planned;
  if (!plan.ok) return sendPlain(plan.response, res);
  if (res.destroyed) return; // the client left while the rules ran
  res.writeHead(200, streamHeaders());
  const handle = attach(plan.stream, {
    enqueue: (bytes) => void res.write(bytes),
    // Bytes Node holds because the socket would not take them (the kernel's buffer is full).
    queuedBytes: () => res.writableLength,
    close: () => void res.end(),
    // Slow consumer: drop the connection; the browser resumes from its cursor.
    error: () => void res.destroy(),
  });
  res.on("drain", () => handle.room());
  // Disconnect, drop or end: the subscriber leaves the hub (invariant 7).
  res.once("close", () => handle.cancel());
}

/**
 * Wraps `http.Server.prototype.emit` so `request` events for the stream paths never reach Next.
 * Called once from instrumentation.ts (register() runs before Next serves its first request).
 */
export function installStreamIngress(): void {
  const state = globalThis as typeof globalThis & { __trackerIngress?: boolean };
  if (state.__trackerIngress) return;
  state.__trackerIngress = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      const res = args[1] as ServerResponse;
      const serve = req.method === "GET" && req.url ? route(req.url) : null;
      if (serve) {
        serve(req, res).catch((error: unknown) => {
          // AbortError = the stream dropped a slow client: close the socket, say nothing.
          if (!(error instanceof Error && error.name === "AbortError")) console.error("[tracker] stream ingress", error);
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
