/**
 * The request listener of server.ts: every request passes the edge (lib/http/edge.ts), then goes
 * to the first hot path that matches its method and path, else to Next's request handler.
 *
 * A hot path is a route handler (the function its `app/api/**\/route.ts` exports) served on
 * node:http without Next's request pipeline, its `Response` written to the socket by
 * @hono/node-server's request listener: a `ReadableStream` body is read chunk by chunk and
 * written as the socket takes it, and the request's `signal` aborts when the client goes. An
 * event stream's body is the exception: once its head is written, the stream writes its frames
 * to the response itself (lib/sse/stream.ts, takeOverStream; decision record 020).
 */
import "server-only";
import { ServerResponse, type IncomingMessage } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { getRequestListener, RequestError } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { RouteContext } from "@/lib/api/route-context";
import { compileRoutePath, type ParamsOf } from "@/lib/api/route-path";
import { passEdge, setEdgeHeaders, type EdgeHeaders, type EdgeSettings } from "@/lib/http/edge";
import { errorResponse } from "@/lib/http/responses";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { takeOverStream } from "@/lib/sse/stream";

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface HotPath {
  method: string;
  matches(target: string): boolean;
  /** Serves a request that passed the edge; its answer carries the edge's `headers`. */
  serve(req: IncomingMessage, res: ServerResponse, headers: EdgeHeaders): void;
}

// Each request's edge headers, from serve() until its handler's answer is written.
const edgeHeadersOf = new WeakMap<IncomingMessage | Http2ServerRequest, EdgeHeaders>();

/** Next's answer to a handler that throws: an empty 500, logged unless the client had gone. */
function failed(method: string, path: string, error: unknown): Response {
  const aborted = error instanceof Error && error.name === "AbortError";
  if (!aborted) console.error("[tracker]", method, path, error);
  return new Response(null, { status: 500 });
}

/**
 * `handler` served for `method` on `path` (spelled as its folder under app/). The matched path's
 * parameters become its `params`, as Next would pass them. A handler that throws gets Next's
 * answer to one, an empty 500, and is logged unless the client had already gone; a request the
 * adapter cannot make a `Request` of gets a JSON 400.
 */
export function hotPath<Path extends string>(
  method: string,
  path: Path,
  handler: (request: Request, context: RouteContext<ParamsOf<Path>>) => Promise<Response>,
): HotPath {
  // Only API paths are hot: the edge's headers for any of them are the API's, which is what an
  // answer made before the edge's reach the handler (a request the adapter cannot read) carries.
  if (!path.startsWith("/api/")) throw new Error(`a hot path is an API path (got ${path})`);
  const match = compileRoutePath(path);
  const listener = getRequestListener(
    async (request, { incoming, outgoing }) => {
      const headers = edgeHeadersOf.get(incoming) ?? API_SECURITY_HEADERS;
      edgeHeadersOf.delete(incoming);
      // The front door chose this path because it matched; matching again yields its params.
      const params = match(incoming.url ?? "/");
      let response: Response;
      try {
        response = params ? await handler(request, { params: Promise.resolve(params) }) : new Response(null, { status: 404 });
      } catch (error) {
        response = failed(method, path, error);
      }
      if (streamedDirectly(response, outgoing, headers)) return RESPONSE_ALREADY_SENT;
      if (outgoing instanceof ServerResponse) setEdgeHeaders(outgoing, headers);
      return response;
    },
    {
      // Next's own code runs in this process and expects the real fetch classes.
      overrideGlobalObjects: false,
      errorHandler: (error) => {
        // A request no URL can be built from (a junk Host): the client's mistake, not ours, and
        // answered as every API refusal is.
        if (error instanceof RequestError) return errorResponse(400, "invalid_request", `This request cannot be read: ${error.message}.`, {}, API_SECURITY_HEADERS);
        return failed(method, path, error);
      },
    },
  );
  return {
    method,
    matches: (target) => match(target) !== null,
    serve: (req, res, headers) => {
      edgeHeadersOf.set(req, headers);
      void listener(req, res);
    },
  };
}

/**
 * Writes the head of an event stream's response as the adapter would (the edge's headers and
 * the response's own, which win), and hands the response to the stream. False for any other
 * answer. One `writeHead` with every header, nothing set before: Node then keeps no `setHeader`
 * store beside the written head for the stream's whole life (~1 KB each).
 */
function streamedDirectly(response: Response, res: ServerResponse | Http2ServerResponse, edgeHeaders: EdgeHeaders): boolean {
  if (!response.body || !(res instanceof ServerResponse) || res.headersSent || res.destroyed) return false;
  return takeOverStream(response.body, res, () => {
    const headers: Record<string, string | string[]> = {};
    for (const name in edgeHeaders) if (!response.headers.has(name)) headers[name] = edgeHeaders[name] as string;
    for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    res.writeHead(response.status, headers);
  });
}

export function createFrontDoor(options: { edge: EdgeSettings; hotPaths: readonly HotPath[]; next: NodeListener }): NodeListener {
  const { edge, hotPaths, next } = options;
  return (req, res) => {
    const headers = passEdge(req, res, edge);
    if (!headers) return;
    const target = req.url ?? "/";
    const hot = hotPaths.find((path) => path.method === req.method && path.matches(target));
    if (hot) return hot.serve(req, res, headers);
    setEdgeHeaders(res, headers);
    next(req, res);
  };
}
