/**
 * The edge pipeline: the rules that hold for every request, applied once, before a request
 * reaches a route handler or Next (server.ts runs it first on every request; docs/architecture.md,
 * "Serving: one front door"). In order:
 *
 * 1. Client-sent copies of internal headers (`x-tracker-*`) are dropped, so what the edge stamps
 *    cannot be forged. It fails closed: a request that skipped the edge carries no stamp, and the
 *    limits then count it under "unknown".
 * 2. The client's address (the socket's peer, or what a trusted proxy saw) and the origin the
 *    client used are stamped (lib/http/client-address.ts, lib/http/request-origin.ts).
 * 3. The path is repaired: an escape that does not percent-decode becomes literal text
 *    (lib/http/decodable-path.ts), since Next answers those with a 500.
 * 4. Security headers: pages get a strict CSP with a fresh nonce, which Next reads from the
 *    request to stamp its scripts; everything else gets the policy that allows nothing
 *    (lib/http/security-headers.ts, decision record 007). The edge decides them; the front door
 *    has them written with the answer's head (`EdgeHeaders`).
 * 5. A state-changing request from another site is refused with 403 `cross_site` (lib/http/csrf.ts).
 *
 * The header and request timeouts are the server's own settings (`applyRequestTimeouts`).
 */
import "server-only";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { intFromEnv } from "@/lib/env";
import { resolveClientAddress, trustedProxies } from "./client-address";
import { crossSiteMessage, crossSiteReason, STATE_CHANGING_METHODS } from "./csrf";
import { decodablePath } from "./decodable-path";
import { CLIENT_ADDRESS_HEADER, isInternalHeader, ORIGIN_HEADER } from "./edge-headers";
import { errorBody } from "./responses";
import { configuredPublicOrigin, resolveOrigin } from "./request-origin";
import { API_SECURITY_HEADERS, createNonce, pageSecurityHeaders } from "./security-headers";

export interface EdgeSettings {
  /** `npm run dev`: the page policy allows what React's development build needs. */
  dev: boolean;
  trustedProxies: number;
  /** TRACKER_PUBLIC_URL's origin: always this site, whatever Host a request names. */
  publicOrigin: string | null;
}

/** The settings, read once when the server starts. */
export function edgeSettings(dev: boolean): EdgeSettings {
  return { dev, trustedProxies: trustedProxies(), publicOrigin: configuredPublicOrigin() };
}

/**
 * Time a client has to send its headers, and its whole request (body included). Streams are not
 * cut by these: once a request has arrived, its response may last. Node checks them every
 * `connectionsCheckingInterval` (30 s by default), so a slow client goes within that much after.
 * Node's defaults (a minute, five minutes) let a few hundred idle sockets tie a server up.
 */
export function applyRequestTimeouts(server: Server): void {
  const headers = intFromEnv("TRACKER_HEADERS_TIMEOUT_MS", 20_000);
  server.headersTimeout = headers;
  server.requestTimeout = Math.max(headers, intFromEnv("TRACKER_REQUEST_TIMEOUT_MS", 30_000));
}

/** One header's value as a string (a repeated header joined, as fetch's Headers does). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * Sets a request header in both of Node's views: `headers` (what Next reads) and `rawHeaders`
 * (what the hot paths' adapter builds its `Request` from).
 */
function setRequestHeader(req: IncomingMessage, name: string, value: string): void {
  req.headers[name] = value;
  req.rawHeaders.push(name, value);
}

function dropInternalHeaders(req: IncomingMessage): void {
  const raw = req.rawHeaders;
  let kept = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (isInternalHeader(name)) {
      delete req.headers[name.toLowerCase()];
      continue;
    }
    raw[kept] = name;
    raw[kept + 1] = raw[i + 1] as string;
    kept += 2;
  }
  raw.length = kept;
}

/** The path of a request target, without its query. */
function pathnameOf(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** Pages render HTML; the API and Next's own files (`/_next/...`) are not pages. */
function isPage(pathname: string): boolean {
  return !pathname.startsWith("/api/") && !pathname.startsWith("/_next/");
}

/** The security headers every answer to a request for this path carries. */
function securityHeaders(req: IncomingMessage, pathname: string, origin: string | null, dev: boolean): EdgeHeaders {
  if (!isPage(pathname)) return API_SECURITY_HEADERS;
  const headers = pageSecurityHeaders({ pathname, nonce: createNonce(), https: origin?.startsWith("https:") ?? false, dev });
  // Next reads the nonce from the request's policy and stamps it on every script it renders
  // (which is why every page renders per request: app/layout.tsx). A client-sent policy is replaced.
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
  return headers;
}

function refuse(res: ServerResponse, status: number, body: string, headers: EdgeHeaders): void {
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
}

/**
 * The response headers the edge requires of a request's answer (its security headers). They are
 * not set on the response here: whoever writes the head includes them (lib/server/front-door.ts),
 * so a long-lived stream's response does not keep a second copy of its headers in Node's
 * `setHeader` store for its whole life.
 */
export type EdgeHeaders = Readonly<Record<string, string>>;

/**
 * Applies the edge rules to one request. The headers its answer must carry when the request may
 * go on to its handler; null when the edge has answered it (a refusal).
 */
export function passEdge(req: IncomingMessage, res: ServerResponse, settings: EdgeSettings): EdgeHeaders | null {
  dropInternalHeaders(req);
  const origin = resolveOrigin({
    host: req.headers.host,
    encrypted: (req.socket as TLSSocket).encrypted === true,
    forwardedHost: header(req, "x-forwarded-host"),
    forwardedProto: header(req, "x-forwarded-proto"),
    trustedProxies: settings.trustedProxies,
  });
  setRequestHeader(req, CLIENT_ADDRESS_HEADER, resolveClientAddress(req.socket.remoteAddress, header(req, "x-forwarded-for") ?? null, settings.trustedProxies));
  if (origin) setRequestHeader(req, ORIGIN_HEADER, origin);
  req.url = decodablePath(req.url ?? "/");
  const headers = securityHeaders(req, pathnameOf(req.url), origin, settings.dev);
  if (!STATE_CHANGING_METHODS.has(req.method ?? "")) return headers;
  const own = new Set<string>();
  if (origin) own.add(origin);
  if (settings.publicOrigin) own.add(settings.publicOrigin);
  const reason = crossSiteReason({ site: header(req, "sec-fetch-site") ?? null, origin: header(req, "origin") ?? null }, own);
  if (reason === null) return headers;
  refuse(res, 403, errorBody("cross_site", crossSiteMessage(reason)), headers);
  return null;
}

/** Sets the edge's headers on a response that Node or Next will write the head of. */
export function setEdgeHeaders(res: ServerResponse, headers: EdgeHeaders): void {
  for (const name in headers) res.setHeader(name, headers[name] as string);
}
