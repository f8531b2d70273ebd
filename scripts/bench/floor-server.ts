/**
 * The floor the benchmark compares Tracker with: the same HTTP surface the workload uses, as a
 * bare `node:http` SSE fan-out with everything in memory. No database, no framework, no
 * validation, no backpressure: the least any server could do for the same client traffic. It
 * keeps what any real fan-out needs and Tracker also does: events encoded once per audience, the
 * same bytes written to every subscriber, one keep-alive timer for all streams.
 *
 * Run by scripts/bench.ts: `tsx scripts/bench/floor-server.ts <port>`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

const port = Number(process.argv[2] ?? 0);
const KEEP_ALIVE_MS = 15_000;
const encoder = new TextEncoder();

interface Order {
  id: string;
  code: string;
  token: string;
  customerName: string;
  items: { name: string; quantity: number }[];
  status: string;
  version: number;
  createdAt: string;
}

const orders = new Map<string, Order>();
const byToken = new Map<string, Order>();
const customers = new Map<string, Set<ServerResponse>>();
const staff = new Set<ServerResponse>();
let lastEventId = 0;

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || "{}") as Record<string, unknown>;
}

function openStream(req: IncomingMessage, res: ServerResponse, set: Set<ServerResponse>, onEmpty?: () => void): void {
  res.writeHead(200, SSE_HEADERS);
  res.write("retry: 2000\n\n");
  set.add(res);
  req.on("close", () => {
    set.delete(res);
    if (set.size === 0) onEmpty?.();
  });
}

function event(id: number, type: string, data: unknown): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

function transition(order: Order, to: string): number {
  const id = ++lastEventId;
  const previousStatus = order.status;
  order.status = to;
  order.version += 1;
  const at = new Date().toISOString();
  // Payloads shaped like Tracker's, so both servers move the same number of bytes.
  const customer = { eventId: id, orderId: order.id, code: order.code, status: to, previousStatus, version: order.version, at, note: null };
  const staffPayload = {
    ...customer,
    type: "order.status",
    actor: { id: "floor", name: "Sam from the kitchen" },
    customerName: order.customerName,
    items: order.items,
    orderNote: null,
    createdAt: order.createdAt,
  };
  const customerBytes = event(id, "order.status", customer);
  for (const res of customers.get(order.id) ?? []) res.write(customerBytes);
  if (staff.size > 0) {
    const staffBytes = event(id, "order.status", staffPayload);
    for (const res of staff) res.write(staffBytes);
  }
  return id;
}

const keepAlive = encoder.encode(": keep-alive\n\n");
setInterval(() => {
  for (const res of staff) res.write(keepAlive);
  for (const set of customers.values()) for (const res of set) res.write(keepAlive);
}, KEEP_ALIVE_MS).unref();

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://floor");
  const parts = url.pathname.split("/").filter(Boolean);
  try {
    if (req.method === "GET" && url.pathname === "/") return json(res, 200, { ok: true });
    if (req.method === "POST" && url.pathname === "/api/staff/session") {
      await readJson(req);
      return json(res, 200, { staff: { id: "floor" } }, { "Set-Cookie": "tracker_staff=floor; Path=/; HttpOnly" });
    }
    if (req.method === "POST" && url.pathname === "/api/orders") {
      const body = await readJson(req);
      const order: Order = {
        id: randomUUID(),
        code: randomBytes(3).toString("hex").toUpperCase(),
        token: randomBytes(24).toString("base64url"),
        customerName: String(body.customerName),
        items: body.items as Order["items"],
        status: "placed",
        version: 1,
        createdAt: new Date().toISOString(),
      };
      orders.set(order.id, order);
      byToken.set(order.token, order);
      const eventId = ++lastEventId;
      return json(res, 201, { order: { ...order, timeline: [{ eventId }] }, trackingUrl: `http://${req.headers.host}/track/${order.token}` });
    }
    if (req.method === "GET" && url.pathname === "/api/staff/orders") return json(res, 200, { orders: [], cursor: lastEventId });
    if (req.method === "GET" && url.pathname === "/api/staff/events") return openStream(req, res, staff);
    if (req.method === "GET" && parts[0] === "api" && parts[1] === "track" && parts[3] === "events") {
      const order = byToken.get(parts[2] ?? "");
      if (!order) return json(res, 404, { error: { code: "not_found" } });
      let set = customers.get(order.id);
      if (!set) customers.set(order.id, (set = new Set()));
      return openStream(req, res, set, () => customers.delete(order.id));
    }
    if (req.method === "POST" && parts[2] === "orders" && parts[4] === "transitions") {
      const order = orders.get(parts[3] ?? "");
      if (!order) return json(res, 404, { error: { code: "not_found" } });
      const body = await readJson(req);
      if (body.expectedVersion !== order.version) return json(res, 409, { error: { code: "stale_version" }, order });
      const eventId = transition(order, String(body.to));
      return json(res, 200, { order: { ...order, timeline: [{ eventId }] } });
    }
    json(res, 404, { error: { code: "not_found" } });
  } catch (error) {
    json(res, 500, { error: { code: "internal", message: String(error) } });
  }
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`floor listening on ${typeof address === "object" && address ? address.port : port}`);
});
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
