/**
 * The hot paths served below Next inside `next start` (decision record 006): the two event
 * streams (memory per open stream, lib/server/stream-ingress.ts) and the staff's status change
 * (CPU per change: Next's request pipeline cost ~1.3 ms of the ~5 ms each change took under the
 * benchmark). Everything else (pages, the other API routes) goes through Next.
 *
 * Each path runs the same endpoint code as its route handler, which stays for `next dev` and for
 * TRACKER_INGRESS=next. What Next would apply and this path does not: middleware (there is none),
 * next.config headers/rewrites/basePath, response compression, onRequestError and OpenTelemetry
 * spans.
 *
 * The same hook stamps every request, these and Next's, with the socket's peer address
 * (lib/http/client-address.ts says why), and tightens the server's timeouts for clients that
 * connect and then send their request slowly or never (Node's defaults allow a minute for the
 * headers and five for the whole request, which lets a few hundred idle sockets tie a server up).
 */
import "server-only";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { intFromEnv } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { decodablePath } from "@/lib/http/decodable-path";
import { answerTransition } from "@/lib/orders/endpoints";
import { pathParam, sendResponse, toWebRequest } from "./node-bridge";
import { streamRoute, type Serve } from "./stream-ingress";

const TRANSITION = /^\/api\/staff\/orders\/([^/?#]+)\/transitions(?:\?|$)/;

function transitionRoute(url: string): Serve | null {
  const orderId = pathParam(TRANSITION, url);
  if (orderId === null) return null;
  return async (req, res) => sendResponse(await answerTransition(toWebRequest(req), orderId), res);
}

function route(req: IncomingMessage): Serve | null {
  if (!req.url) return null;
  if (req.method === "GET") return streamRoute(req.url);
  if (req.method === "POST") return transitionRoute(req.url);
  return null;
}

/**
 * Time a client has to send its headers, and its whole request (body included). Streams are not
 * cut by these: once a request has arrived, its response may last. Node checks them every
 * `connectionsCheckingInterval` (30 s by default), so a slow client goes within that much after.
 */
function applyRequestTimeouts(server: http.Server): void {
  const headers = intFromEnv("TRACKER_HEADERS_TIMEOUT_MS", 20_000);
  server.headersTimeout = headers;
  server.requestTimeout = Math.max(headers, intFromEnv("TRACKER_REQUEST_TIMEOUT_MS", 30_000));
}

/** Replaces any client-sent copy of the peer header with the socket's real peer. */
function stampPeer(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? "";
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]?.toLowerCase() === CLIENT_ADDRESS_HEADER) raw.splice(i, 2);
  }
  raw.push(CLIENT_ADDRESS_HEADER, peer);
  req.headers[CLIENT_ADDRESS_HEADER] = peer;
}

/**
 * Wraps `http.Server.prototype.emit`: every request is stamped with its peer, and with `bypass`,
 * `request` events for these paths never reach Next. Called once from instrumentation.ts
 * (register() runs before Next serves its first request).
 */
export function installIngress({ bypass }: { bypass: boolean }): void {
  const state = globalThis as typeof globalThis & { __trackerIngress?: boolean };
  if (state.__trackerIngress) return;
  state.__trackerIngress = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "connection") applyRequestTimeouts(this);
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      const res = args[1] as ServerResponse;
      stampPeer(req);
      // Else Next answers a bad escape with a 500 (lib/http/decodable-path.ts).
      if (req.url) req.url = decodablePath(req.url);
      const serve = bypass ? route(req) : null;
      if (serve) {
        serve(req, res).catch((error: unknown) => {
          // Say nothing when the client left (mid-body, say) or a stream dropped a slow client
          // (AbortError): only the socket needs closing.
          const quiet = res.destroyed || (error instanceof Error && error.name === "AbortError");
          if (!quiet) console.error("[tracker] ingress", req.method, req.url, error);
          // An empty 500, as Next answers a route handler that throws.
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
