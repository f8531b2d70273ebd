/**
 * The event streams served below Next: a plain node:http server whose every other request gets
 * 418 stands in for Next. Run on both databases (the rules behind the streams read them).
 */
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/lib/db/testing";
import { getHub } from "@/lib/events/hub";
import { notifyOrderEvents } from "@/lib/events/signal";
import { createOrder, transitionOrder } from "@/lib/orders/service";
import { upsertStaffUser } from "@/lib/auth/staff";
import { installStreamIngress } from "./stream-ingress";

let cleanup: () => Promise<void>;
let server: Server;
let base: string;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  installStreamIngress();
  server = createServer((_req, res) => res.writeHead(418).end("next"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

function open(path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => request(`${base}${path}`, resolve).on("error", reject).end());
}

async function firstChunk(res: IncomingMessage): Promise<string> {
  const [chunk] = (await Promise.race([
    new Promise((resolve) => res.once("data", (c: Buffer) => resolve([c]))),
    new Promise((_, reject) => setTimeout(() => reject(new Error("no data")), 5000)),
  ])) as Buffer[];
  return chunk?.toString() ?? "";
}

describe("the stream ingress", () => {
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
    await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor: { id: staff.id, name: "Ingress" } });
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

  it("leaves every other request to the server it was meant for", async () => {
    for (const path of ["/", "/api/orders", "/api/track/x", "/api/staff/events/extra", "/api/track/a/b/events"]) {
      const res = await open(path);
      expect(res.statusCode, path).toBe(418);
      res.resume();
    }
  });
});
