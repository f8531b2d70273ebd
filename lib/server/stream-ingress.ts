/**
 * The two SSE paths served below Next (lib/server/ingress.ts), in the same `next start` process
 * (issue 4: memory per stream). For every in-flight response Next keeps ~16 suspended async frames
 * (router-server → base-server → app-route → sendResponse → pipeToNodeResponse →
 * ReadableStream.pipeTo) with their request and response wrappers: ~74 KB of live heap per open
 * stream, measured with heap snapshots. Here the hub's bytes go straight to the Node response.
 *
 * The rules are the route handlers' own (lib/events/endpoints.ts: shutdown 503, staff auth,
 * cursor, 404/204), and so is the JSON poll these paths answer for `?after=N`.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestLike } from "@/lib/events/cursor";
import { answerStaffPoll, answerTrackPoll, planStaffStream, planTrackStream, type StreamPlan } from "@/lib/events/endpoints";
import { isPollRequest } from "@/lib/events/poll";
import { streamHeaders } from "@/lib/events/response";
import { attachCustomerStream, attachStaffStream, type StreamHandle, type StreamSink } from "@/lib/events/stream";
import { pathParam, sendResponse } from "./node-bridge";

const TRACK = /^\/api\/track\/([^/?#]+)\/events(?:\?|$)/;
const STAFF = /^\/api\/staff\/events(?:\?|$)/;

export type Serve = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** How to serve a GET of `url` if it is one of the stream paths, else null. */
export function streamRoute(url: string): Serve | null {
  if (STAFF.test(url)) {
    return async (req, res) => {
      const request = view(req);
      if (isPollRequest(request)) return sendResponse(await answerStaffPoll(request), res);
      return serveNode(planStaffStream(request), res, (plan, sink, onClose) => attachStaffStream({ ...plan, onClose }, sink));
    };
  }
  const token = pathParam(TRACK, url);
  if (token === null) return null;
  return async (req, res) => {
    const request = view(req);
    if (isPollRequest(request)) return sendResponse(await answerTrackPoll(request, token), res);
    return serveNode(planTrackStream(request, token), res, (plan, sink, onClose) => attachCustomerStream({ ...plan, onClose }, sink));
  };
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

/** The hub writes to the socket's response; Node's own buffer is the stream's queue. */
async function serveNode<T>(
  planned: Promise<StreamPlan<T>>,
  res: ServerResponse,
  attach: (plan: T, sink: StreamSink, onClose: () => void) => StreamHandle,
): Promise<void> {
  const plan = await planned;
  if (!plan.ok) return sendResponse(plan.response, res);
  if (res.destroyed) return plan.lease.release(); // the client left while the rules ran
  res.writeHead(200, streamHeaders());
  const handle = attach(
    plan.stream,
    {
      enqueue: (bytes) => void res.write(bytes),
      // Bytes Node holds because the socket would not take them (the kernel's buffer is full).
      queuedBytes: () => res.writableLength,
      close: () => void res.end(),
      // Slow or stuck consumer: drop the connection; the browser resumes from its cursor.
      error: () => void res.destroy(),
    },
    plan.lease.release,
  );
  res.on("drain", () => handle.room());
  // Disconnect, drop or end: the subscriber leaves the hub (invariant 7).
  res.once("close", () => handle.cancel());
}
