/**
 * Fetch-API requests and responses over node:http, for the paths served below Next
 * (lib/server/ingress.ts): the shared endpoint code takes a `Request` and returns a `Response`,
 * as a route handler does.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";

/**
 * The request as a `Request`, its body streamed from the socket as the endpoint reads it. A body
 * the endpoint stops reading (over the size cap) is not drained: the answer closes the connection.
 */
export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  // Once the endpoint cancels, Node may still emit the body's end or an error: the stream is
  // closed by then, and touching its controller would throw.
  let cancelled = false;
  const onData = (controller: ReadableStreamDefaultController<Uint8Array>) => (chunk: Buffer) => {
    if (cancelled) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 1) <= 0) req.pause();
  };
  const body = hasBody
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          req.on("data", onData(controller));
          req.once("end", () => cancelled || controller.close());
          req.once("error", (error) => cancelled || controller.error(error));
        },
        pull() {
          req.resume();
        },
        cancel() {
          // Stop reading. Node answers a request whose body was not read to its end with
          // `Connection: close` and closes the socket after the answer (a 413).
          cancelled = true;
          req.pause();
        },
      })
    : null;
  // A Host header no URL can hold (`a b`, `x:99999`) must not make the request throw: the path is what matters.
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  return new Request(URL.canParse(url) ? url : `http://localhost${req.url ?? "/"}`, {
    method,
    headers,
    body,
    // Required by the fetch spec for a streamed request body.
    duplex: "half",
  } as RequestInit);
}

/**
 * The path parameter `pattern` captures from `url`, percent-decoded; null when the URL does not
 * match or does not decode (Next then answers it, as it always has).
 */
export function pathParam(pattern: RegExp, url: string): string | null {
  const raw = pattern.exec(url)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * Sends a complete (non-streaming) `Response`: status, headers (each Set-Cookie on its own), body.
 * Every answer sent here is an API answer that Next never sees: it gets the API's security
 * headers here, over any of the same name, as next.config.ts's override a route's in Next.
 */
export async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) headers[name.toLowerCase()] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body) headers["content-length"] = String(body.length);
  if (res.destroyed) return;
  res.writeHead(response.status, headers).end(body ?? undefined);
}
