/**
 * server.ts's request listener: the edge on every request, and the hot paths (event streams,
 * status changes) served from their route handlers; a plain handler whose every answer is 418
 * stands in for Next (e2e runs the real one). Run on both databases (the rules behind the paths
 * read them).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { getHub, processListener } from "@/lib/orders/event-log/hub";
import { notifyOrderEvents } from "@/lib/orders/event-log/signal";
import { createOrder, transitionOrder } from "@/lib/orders/service";
import { createStaffSession, STAFF_SESSION_COOKIE } from "@/lib/auth/session";
import { upsertStaffUser } from "@/lib/auth/staff";
import { MAX_BODY_BYTES } from "@/lib/http/body";
import { CLIENT_ADDRESS_HEADER, ORIGIN_HEADER } from "@/lib/http/edge-headers";
import { applyRequestTimeouts, type EdgeSettings } from "@/lib/http/edge";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { streamLimiter } from "@/lib/sse/stream-limits";
import * as staffEvents from "@/lib/api/staff-events";
import * as trackEvents from "@/lib/api/track-events";
import * as transitions from "@/lib/api/transitions";
import { createFrontDoor, hotPath, type NodeListener } from "./front-door";

let cleanup: () => Promise<void>;
let server: Server;
let base: string;

const EDGE: EdgeSettings = { dev: false, trustedProxies: 0, publicOrigin: null };

/** server.ts's listener, with a stand-in for Next that echoes what the edge told it. */
function frontDoor(): NodeListener {
  return createFrontDoor({
    edge: EDGE,
    hotPaths: [
      hotPath("GET", trackEvents.path, trackEvents.GET),
      hotPath("GET", staffEvents.path, staffEvents.GET),
      hotPath("POST", transitions.path, transitions.POST),
    ],
    next: (req, res) =>
      res
        .writeHead(418, {
          "x-seen-client": String(req.headers[CLIENT_ADDRESS_HEADER]),
          "x-seen-origin": String(req.headers[ORIGIN_HEADER]),
          "x-seen-internal": Object.keys(req.headers).filter((name) => name.startsWith("x-tracker-")).sort().join(","),
          "x-seen-url": req.url ?? "",
        })
        .end("next"),
  });
}

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  // Checks request timeouts every 100 ms instead of Node's 30 s, so a test can watch one fire.
  server = createServer({ connectionsCheckingInterval: 100 }, frontDoor());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  // The streams started the process's hub and, on PostgreSQL, its LISTEN connection, which would
  // otherwise see its database dropped and keep reconnecting to it.
  await processListener()?.close();
  await cleanup();
});

function open(path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => request(`${base}${path}`, resolve).on("error", reject).end());
}

/** The next chunk of a stream that is not a keep-alive comment (the hub's ticker may send one at any time). */
async function firstChunk(res: IncomingMessage): Promise<string> {
  const chunk = await Promise.race([
    new Promise<string>((resolve) => {
      const onData = (c: Buffer) => {
        const text = c.toString().replaceAll(": keep-alive\n\n", "");
        if (!text) return;
        res.off("data", onData);
        resolve(text);
      };
      res.on("data", onData);
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no data")), 10_000)),
  ]);
  return chunk;
}

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/** One request on a connection of its own; `body` as one string or as chunks (then chunked). */
function send(method: string, path: string, options: { headers?: Record<string, string>; body?: string | string[] } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: options.headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // The server may answer (413) and close before it has read everything we send.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    for (const chunk of Array.isArray(options.body) ? options.body : []) req.write(chunk);
    req.end(typeof options.body === "string" ? options.body : undefined);
  });
}

describe("the front door: status changes", () => {
  let cookie: string;
  beforeAll(async () => {
    const staff = await upsertStaffUser(db(), { email: "changes@example.com", name: "Kim", password: "pw-123456" });
    cookie = `${STAFF_SESSION_COOKIE}=${(await createStaffSession(staff.id)).cookie}`;
  });
  const json = (extra: Record<string, string> = {}) => ({ "content-type": "application/json", ...extra });

  it("changes the order with the route's rules and answers with the order; its stream gets the event", async () => {
    const { order, trackingToken } = await createOrder({ customerName: "Cy", items: [{ name: "Tea", quantity: 2 }] });
    const stream = await open(`/api/track/${trackingToken}/events?lastEventId=${order.timeline[0]?.eventId}`);
    expect(await firstChunk(stream)).toBe("retry: 2000\n\n");
    const delivered = firstChunk(stream);

    const answer = await send("POST", `/api/staff/orders/${order.id}/transitions`, {
      headers: json({ cookie }),
      body: JSON.stringify({ to: "confirmed", expectedVersion: 1 }),
    });
    expect(answer.status, answer.body).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(answer.body) as { order: { status: string; version: number; timeline: { eventId: number; status: string; actor: { name: string } | null }[] } };
    expect(body.order).toMatchObject({ status: "confirmed", version: 2 });
    const last = body.order.timeline.at(-1);
    expect(last).toMatchObject({ status: "confirmed", actor: { name: "Kim" } });
    expect(await delivered).toMatch(new RegExp(`^id: ${last?.eventId}\nevent: order\\.status\ndata: \\{.*"status":"confirmed"`));
    stream.destroy();
  });

  it("answers bad requests as the route does: 401, 415, 400, 404, 409 with the current order", async () => {
    const { order } = await createOrder({ customerName: "Di", items: [{ name: "Tea", quantity: 1 }] });
    const path = `/api/staff/orders/${order.id}/transitions`;
    const change = JSON.stringify({ to: "confirmed", expectedVersion: 1 });
    const cases: [Answer, number, string][] = [
      [await send("POST", path, { headers: json(), body: change }), 401, "unauthorized"],
      [await send("POST", path, { headers: { cookie, "content-type": "text/plain" }, body: change }), 415, "unsupported_media_type"],
      [await send("POST", path, { headers: json({ cookie }), body: "{" }), 400, "invalid_json"],
      [await send("POST", path, { headers: json({ cookie }), body: JSON.stringify({ to: "eaten" }) }), 400, "invalid_body"],
      [await send("POST", "/api/staff/orders/no-such-order/transitions", { headers: json({ cookie }), body: change }), 404, "not_found"],
      [await send("POST", path, { headers: json({ cookie }), body: JSON.stringify({ to: "confirmed", expectedVersion: 7 }) }), 409, "stale_version"],
      [await send("POST", path, { headers: json({ cookie }), body: JSON.stringify({ to: "delivered", expectedVersion: 1 }) }), 409, "illegal_transition"],
    ];
    for (const [answer, status, code] of cases) {
      expect(answer.status, answer.body).toBe(status);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code } });
    }
    expect(JSON.parse(cases[5]?.[0].body ?? "{}")).toMatchObject({ order: { id: order.id, version: 1, status: "placed" } });
  });

  it("refuses a forged cross-site change even with the staff cookie, and changes nothing", async () => {
    const { order } = await createOrder({ customerName: "Fay", items: [{ name: "Tea", quantity: 1 }] });
    const path = `/api/staff/orders/${order.id}/transitions`;
    const change = JSON.stringify({ to: "confirmed", expectedVersion: 1 });
    const forgeries: Record<string, string>[] = [{ origin: "https://evil.example", "sec-fetch-site": "cross-site" }, { origin: "https://evil.example" }];
    for (const forged of forgeries) {
      const answer = await send("POST", path, { headers: json({ cookie, ...forged }), body: change });
      expect(answer.status, answer.body).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "cross_site" } });
    }
    expect(await db().order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "placed", version: 1 });
    const sameOrigin = await send("POST", path, { headers: json({ cookie, origin: base, "sec-fetch-site": "same-origin" }), body: change });
    expect(sameOrigin.status, sameOrigin.body).toBe(200);
  });

  it("refuses a streamed body over the cap with 413, without reading it all, and closes the connection", async () => {
    const { order } = await createOrder({ customerName: "Ed", items: [{ name: "Tea", quantity: 1 }] });
    const chunk = "x".repeat(16 * 1024);
    const answer = await send("POST", `/api/staff/orders/${order.id}/transitions`, {
      headers: json({ cookie }),
      body: Array.from({ length: (4 * MAX_BODY_BYTES) / chunk.length }, () => chunk),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "payload_too_large" } });
    const unchanged = await db().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(unchanged).toMatchObject({ status: "placed", version: 1 });
  });
  it("refuses a declared length over the cap with 413 before reading the body", async () => {
    const { order } = await createOrder({ customerName: "Fay", items: [{ name: "Tea", quantity: 1 }] });
    const body = "x".repeat(MAX_BODY_BYTES + 1);
    const answer = await send("POST", `/api/staff/orders/${order.id}/transitions`, {
      headers: json({ cookie, "content-length": String(body.length) }),
      body,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("changes nothing and logs nothing when the client leaves mid-body, and keeps serving", async () => {
    const { order } = await createOrder({ customerName: "Gus", items: [{ name: "Tea", quantity: 1 }] });
    const errors = vi.spyOn(console, "error");
    const path = `/api/staff/orders/${order.id}/transitions`;
    const full = JSON.stringify({ to: "confirmed", expectedVersion: 1 });
    await new Promise<void>((resolve) => {
      const req = request(`${base}${path}`, { method: "POST", agent: false, headers: json({ cookie, "content-length": String(full.length) }) });
      req.on("error", () => resolve());
      req.write(full.slice(0, 10));
      setTimeout(() => req.destroy(), 100);
      req.on("close", () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(await db().order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "placed", version: 1 });
    const answer = await send("POST", path, { headers: json({ cookie }), body: full });
    expect(answer.status, answer.body).toBe(200);
  });
});

describe("the front door: event streams", () => {
  it("serves a tracking stream itself, live, and leaves the hub when the client goes", async () => {
    const { order, trackingToken } = await createOrder({ customerName: "Ada", items: [{ name: "Tea", quantity: 1 }] });
    const res = await open(`/api/track/${trackingToken}/events?lastEventId=${order.timeline[0]?.eventId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(res.headers["x-accel-buffering"]).toBe("no");
    expect(await firstChunk(res)).toBe("retry: 2000\n\n");
    await vi.waitFor(() => expect(getHub().stats()).toMatchObject({ subscribers: 1, running: true }));

    const staff = await upsertStaffUser(db(), { email: "ingress@example.com", name: "Ingress", password: "pw-123456" });
    const next = firstChunk(res);
    await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor: { kind: "staff", id: staff.id, name: "Ingress" } });
    notifyOrderEvents();
    expect(await next).toMatch(/^id: \d+\nevent: order\.status\ndata: \{.*"status":"confirmed"/);

    res.destroy();
    await vi.waitFor(() => expect(getHub().subscriberCount()).toBe(0));
  });

  it("answers with the routes' own rules: 404 unknown token, 400 bad cursor, 401 without a session", async () => {
    const unknown = await open("/api/track/no-such-token/events");
    expect(unknown.statusCode).toBe(404);
    const { trackingToken } = await createOrder({ customerName: "Bo", items: [{ name: "Tea", quantity: 1 }] });
    const badCursor = await open(`/api/track/${trackingToken}/events?lastEventId=1e3`);
    expect(badCursor.statusCode).toBe(400);
    const staff = await open("/api/staff/events");
    expect(staff.statusCode).toBe(401);
    for (const res of [unknown, badCursor, staff]) {
      expect(res.headers["content-type"]).toBe("application/json");
      res.resume();
    }
  });

  it("answers hostile paths, hosts and cookies with 4xx, never a 500", async () => {
    // Next 16 answers a path that does not percent-decode with a 500 (vercel/next.js#92527): it
    // reaches Next as the literal text it is, and an unknown token is an unknown token.
    expect((await send("GET", "/track/%zz?x=%zz")).headers["x-seen-url"]).toBe("/track/%25zz?x=%zz");
    const stream = await send("GET", "/api/track/%/events");
    expect(stream.status).toBe(404);
    expect(JSON.parse(stream.body)).toMatchObject({ error: { code: "not_found" } });
    const change = { "content-type": "application/json" };
    const body = JSON.stringify({ to: "confirmed", expectedVersion: 1 });
    expect((await send("POST", "/api/staff/orders/%E0%A4%A/transitions", { headers: change, body })).status).toBe(401);
    // No URL can be built from this Host: a bad request (RFC 9112 asks for 400).
    for (const junkHost of [await send("POST", "/api/staff/orders/x/transitions", { headers: { ...change, host: "a b" }, body }), await send("GET", "/api/staff/events", { headers: { host: "a b" } })]) {
      expect(junkHost.status).toBe(400);
      expect(JSON.parse(junkHost.body)).toMatchObject({ error: { code: "invalid_request" } });
    }
    expect((await send("POST", "/api/staff/orders/x/transitions", { headers: { ...change, cookie: `${STAFF_SESSION_COOKIE}=%zz` }, body })).status).toBe(401);
  });

  it("stamps every request with the socket's peer and the origin it used, and no client-sent internal header gets through", async () => {
    const honest = await send("GET", "/");
    expect(honest.headers["x-seen-client"]).toBe("127.0.0.1");
    expect(honest.headers["x-seen-origin"]).toBe(base);
    const forged = await send("GET", "/", {
      headers: { [CLIENT_ADDRESS_HEADER]: "203.0.113.66", [ORIGIN_HEADER]: "https://evil.example", "X-Tracker-Peer": "203.0.113.67", "x-tracker-anything": "1" },
    });
    expect(forged.headers["x-seen-client"]).toBe("127.0.0.1");
    expect(forged.headers["x-seen-origin"]).toBe(base);
    expect(forged.headers["x-seen-internal"]).toBe([CLIENT_ADDRESS_HEADER, ORIGIN_HEADER].sort().join(","));
  });

  it("refuses a cross-site request of every state-changing method on every path, before any handler runs", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const path of ["/api/orders", "/api/staff/session", "/api/staff/orders/x/transitions", "/anything"]) {
        const answer = await send(method, path, { headers: { origin: "https://evil.example", "content-type": "application/json" }, body: "{}" });
        expect(answer.status, `${method} ${path}`).toBe(403);
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "cross_site" } });
      }
    }
    // Reading is never refused, and the origin the client used is its own, whatever its address.
    expect((await send("GET", "/", { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } })).status).toBe(418);
    const localhost = base.replace("127.0.0.1", "localhost");
    expect((await send("POST", "/api/orders", { headers: { host: new URL(localhost).host, origin: localhost, "sec-fetch-site": "same-origin" }, body: "{}" })).status).toBe(418);
  });

  it("sets the security headers once, for the hot paths and Next alike: a page policy with a fresh nonce, the API's allowing nothing", async () => {
    const junkHost = await send("GET", "/api/staff/events", { headers: { host: "a b" } });
    const api = [await send("GET", "/api/track/x/events"), junkHost, await send("GET", "/api/orders"), await send("GET", "/_next/static/x.js")];
    for (const answer of api) {
      expect(answer.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    // A live stream's head is written whole by the front door: the edge's headers once each, beside its own.
    // Nothing was set on the response before that one writeHead, so Node keeps no copy of the
    // headers in its setHeader store for the stream's life.
    const responses: ServerResponse[] = [];
    const capture = (_: IncomingMessage, res: ServerResponse) => responses.push(res);
    server.on("request", capture);
    const { trackingToken } = await createOrder({ customerName: "Ada", items: [{ name: "Tea", quantity: 1 }] });
    const stream = await open(`/api/track/${trackingToken}/events`);
    server.off("request", capture);
    const names = stream.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
    for (const name of Object.keys(API_SECURITY_HEADERS)) expect(names.filter((seen) => seen === name.toLowerCase()), name).toHaveLength(1);
    expect(stream.headers).toMatchObject({ "content-type": "text/event-stream; charset=utf-8", "referrer-policy": "no-referrer", "cross-origin-resource-policy": "same-origin" });
    expect(responses.map((res) => res.getHeaderNames())).toEqual([[]]);
    stream.destroy();
    const [one, two] = [await send("GET", "/order"), await send("GET", "/order")];
    const nonce = (answer: Answer) => /'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"]))?.[1];
    expect(nonce(one)).toBeTruthy();
    expect(nonce(one)).not.toBe(nonce(two));
    expect(one.headers["x-frame-options"]).toBe("DENY");
  });

  it("leaves every other request to the server it was meant for", async () => {
    for (const path of ["/", "/api/orders", "/api/track/x", "/api/staff/events/extra", "/api/track/a/b/events", "/api/staff/orders/x/transitions"]) {
      const res = await open(path);
      expect(res.statusCode, path).toBe(418);
      res.resume();
    }
    for (const [method, path] of [
      ["POST", "/api/orders"],
      ["POST", "/api/staff/events"],
      ["PUT", "/api/staff/orders/x/transitions"],
      ["POST", "/api/staff/orders/x/transitions/extra"],
    ] as const) {
      expect((await send(method, path, { body: "{}" })).status, `${method} ${path}`).toBe(418);
    }
  });
});

describe("the front door: abuse limits", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("caps the open streams of one tracking link with 429 and Retry-After, and frees a slot when one closes", async () => {
    vi.stubEnv("TRACKER_MAX_STREAMS_PER_TOKEN", "2");
    const { trackingToken } = await createOrder({ customerName: "Hal", items: [{ name: "Tea", quantity: 1 }] });
    const path = `/api/track/${trackingToken}/events`;
    const first = await open(path);
    const second = await open(path);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const third = await send("GET", path);
    expect(third.status).toBe(429);
    expect(third.headers["retry-after"]).toMatch(/^\d+$/);
    expect(JSON.parse(third.body)).toMatchObject({ error: { code: "too_many_requests" } });
    // Another order's link is not affected.
    const other = await createOrder({ customerName: "Ida", items: [{ name: "Tea", quantity: 1 }] });
    const elsewhere = await open(`/api/track/${other.trackingToken}/events`);
    expect(elsewhere.statusCode).toBe(200);

    first.destroy();
    await vi.waitFor(async () => {
      const again = await open(path);
      expect(again.statusCode).toBe(200);
      again.destroy();
    });
    for (const res of [second, elsewhere]) res.destroy();
    await vi.waitFor(() => expect(streamLimiter().size()).toBe(0));
  });

  it("caps the open streams of one client address, staff streams included", async () => {
    vi.stubEnv("TRACKER_MAX_STREAMS_PER_ADDRESS", "3");
    const staff = await upsertStaffUser(db(), { email: "caps@example.com", name: "Cap", password: "pw-123456" });
    const cookie = `${STAFF_SESSION_COOKIE}=${(await createStaffSession(staff.id)).cookie}`;
    const streams = await Promise.all(
      [1, 2, 3].map(() => new Promise<IncomingMessage>((resolve, reject) => request(`${base}/api/staff/events`, { headers: { cookie } }, resolve).on("error", reject).end())),
    );
    expect(streams.map((res) => res.statusCode)).toEqual([200, 200, 200]);
    const { trackingToken } = await createOrder({ customerName: "Jo", items: [{ name: "Tea", quantity: 1 }] });
    expect((await send("GET", `/api/track/${trackingToken}/events`)).status).toBe(429);
    expect((await send("GET", "/api/staff/events", { headers: { cookie } })).status).toBe(429);
    for (const res of streams) res.destroy();
    await vi.waitFor(() => expect(streamLimiter().size()).toBe(0));
  });

  it("closes a connection whose request headers do not arrive in time", async () => {
    vi.stubEnv("TRACKER_HEADERS_TIMEOUT_MS", "300");
    const slow = createServer({ connectionsCheckingInterval: 100 }, frontDoor());
    applyRequestTimeouts(slow);
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const { port } = slow.address() as AddressInfo;
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.write("GET / HTTP/1.1\r\nHost: slow.example\r\n");
    // Node's default would wait a minute: far past this test's time limit.
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await new Promise((resolve) => slow.close(resolve));
  });
});
