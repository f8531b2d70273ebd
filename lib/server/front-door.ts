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
import type { Http2ServerResponse } from "node:http2";
import { getRequestListener, RequestError } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { RouteContext } from "@/lib/api/route-context";
import { compileRoutePath, type ParamsOf } from "@/lib/api/route-path";
import { passEdge, type EdgeSettings } from "@/lib/http/edge";
import { errorResponse } from "@/lib/http/responses";
import { takeOverStream } from "@/lib/sse/stream";

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface HotPath {
  method: string;
  matches(target: string): boolean;
  serve: NodeListener;
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
  const match = compileRoutePath(path);
  const listener = getRequestListener(
    async (request, { incoming, outgoing }) => {
      // The front door chose this path because it matched; matching again yields its params.
      const params = match(incoming.url ?? "/");
      if (!params) return new Response(null, { status: 404 });
      const response = await handler(request, { params: Promise.resolve(params) });
      return streamedDirectly(response, outgoing) ? RESPONSE_ALREADY_SENT : response;
    },
    {
      // Next's own code runs in this process and expects the real fetch classes.
      overrideGlobalObjects: false,
      errorHandler: (error) => {
        // A request no URL can be built from (a junk Host): the client's mistake, not ours, and
        // answered as every API refusal is.
        if (error instanceof RequestError) return errorResponse(400, "invalid_request", `This request cannot be read: ${error.message}.`);
        const aborted = error instanceof Error && error.name === "AbortError";
        if (!aborted) console.error("[tracker]", method, path, error);
        return new Response(null, { status: 500 });
      },
    },
  );
  return { method, matches: (target) => match(target) !== null, serve: (req, res) => void listener(req, res) };
}

/**
 * Writes the head of an event stream's response as the adapter would (its headers, with the ones
 * the edge set), and hands the response to the stream. False for any other answer.
 */
function streamedDirectly(response: Response, res: ServerResponse | Http2ServerResponse): boolean {
  if (!response.body || !(res instanceof ServerResponse) || res.headersSent || res.destroyed) return false;
  return takeOverStream(response.body, res, () => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    res.writeHead(response.status, headers);
  });
}

export function createFrontDoor(options: { edge: EdgeSettings; hotPaths: readonly HotPath[]; next: NodeListener }): NodeListener {
  const { edge, hotPaths, next } = options;
  return (req, res) => {
    if (!passEdge(req, res, edge)) return;
    const target = req.url ?? "/";
    const hot = hotPaths.find((path) => path.method === req.method && path.matches(target));
    if (hot) hot.serve(req, res);
    else next(req, res);
  };
}
