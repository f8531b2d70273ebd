/**
 * The OpenAPI document against the code: every route in app/api is in it with exactly the methods
 * its route.ts exports, nothing else is; and real answers of the endpoints parse with the schemas
 * it documents (strict objects: a field added to or dropped from an answer fails here).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createApiKey } from "@/lib/auth/api-keys";
import { STAFF_SESSION_COOKIE, createStaffSession } from "@/lib/auth/session";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { addWebhook, createKey, listKeys, listWebhooks } from "../integrations";
import { POST as placeOrder } from "../orders";
import { GET as staffOrders } from "../staff-orders";
import { GET as track } from "../track";
import { POST as transition } from "../transitions";
import { answerStaffPoll, answerTrackPoll } from "../event-streams";
import { openApiDocument } from "./document";
import {
  apiKeySchema,
  errorSchema,
  placedSchema,
  pollSchema,
  staffOrderSchema,
  staffOrdersSchema,
  trackingSchema,
  webhookSchema,
} from "./schemas";

const root = path.resolve(__dirname, "../../..");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every route file under app/api, as the OpenAPI path and the methods it exports. */
function appRoutes(): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");
        const source = fs.readFileSync(full, "utf8");
        const exported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => (m[1] ?? "").split(",").map((part) => part.trim().split(/\s+as\s+/).pop() ?? ""));
        const declared = [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => m[1] ?? "");
        routes.set(route, [...exported, ...declared].filter((name) => HTTP_METHODS.includes(name)).sort());
      }
    }
  };
  walk(path.join(root, "app", "api"));
  return routes;
}

describe("the OpenAPI document", () => {
  const document = openApiDocument();

  it("is OpenAPI 3.1 and lists every route in app/api with exactly its methods, and nothing else", () => {
    expect(document.openapi).toBe("3.1.0");
    const routes = appRoutes();
    expect(routes.size).toBeGreaterThan(10);
    const documented = new Map(
      Object.entries(document.paths ?? {}).map(([route, item]) => [
        route,
        Object.keys(item ?? {})
          .filter((key) => HTTP_METHODS.includes(key.toUpperCase()))
          .map((key) => key.toUpperCase())
          .sort(),
      ]),
    );
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(routes));
  });

  it("names every error code the API answers with", () => {
    const text = JSON.stringify(document);
    for (const code of ["invalid_api_key", "api_key_revoked", "insufficient_scope", "owner_only", "idempotency_key_reused", "duplicate_external_id"]) {
      expect(text).toContain(code);
    }
  });
});

describe("real answers parse with the documented schemas", () => {
  let cleanup: () => Promise<void>;
  let cookie: string;
  let key: string;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase());
    const owner = await upsertStaffUser(db(), { email: "owner@example.com", name: "Olu", password: "s3cret-pass-1", role: "owner" });
    cookie = `${STAFF_SESSION_COOKIE}=${encodeURIComponent((await createStaffSession(owner.id)).cookie)}`;
    key = (await createApiKey(db(), { name: "Till 2", scopes: ["orders:create", "orders:write", "events:read"] }, owner.id)).key;
    vi.stubEnv("TRACKER_WEBHOOK_ALLOW_PRIVATE", "true");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await cleanup();
  });

  const request = (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    new Request(`http://127.0.0.1:3000${url}`, { ...init, headers: { "content-type": "application/json", ...init.headers } });
  const params = <T>(value: T) => ({ params: Promise.resolve(value) });

  async function parsed(response: Response | Promise<Response>, schema: z.ZodType, status = 200): Promise<unknown> {
    const answer = await response;
    const body: unknown = await answer.json();
    expect(answer.status, JSON.stringify(body)).toBe(status);
    return schema.parse(body);
  }

  it("for orders, tracking, transitions, lists and polls", async () => {
    const placed = (await parsed(
      placeOrder(request("/api/orders", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ customerName: "Ada", items: [{ name: "Tea", quantity: 1 }], externalId: "1042" }) })),
      placedSchema,
      201,
    )) as z.infer<typeof placedSchema>;
    const token = placed.trackingUrl.split("/track/")[1] ?? "";
    await parsed(track(request(`/api/track/${token}`), params({ token })), trackingSchema);
    await parsed(
      transition(request(`/api/staff/orders/${placed.order.id}/transitions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ to: "confirmed", expectedVersion: 1 }) }), params({ id: placed.order.id })),
      z.strictObject({ order: staffOrderSchema }),
    );
    await parsed(staffOrders(request("/api/staff/orders", { headers: { cookie } })), staffOrdersSchema);
    await parsed(answerStaffPoll(request("/api/staff/events?after=0", { headers: { authorization: `Bearer ${key}` } })), pollSchema);
    await parsed(answerTrackPoll(request(`/api/track/${token}/events?after=0`), token), pollSchema);
    await parsed(
      transition(request(`/api/staff/orders/${placed.order.id}/transitions`, { method: "POST", headers: { cookie }, body: JSON.stringify({ to: "confirmed", expectedVersion: 1 }) }), params({ id: placed.order.id })),
      errorSchema.extend({ order: staffOrderSchema }),
      409,
    );
  });

  it("for API keys and webhooks", async () => {
    await parsed(createKey(request("/api/staff/api-keys", { method: "POST", headers: { cookie }, body: JSON.stringify({ name: "Web shop", scopes: ["orders:create"] }) })), z.strictObject({ key: z.string(), apiKey: apiKeySchema }), 201);
    await parsed(listKeys(request("/api/staff/api-keys", { headers: { cookie } })), z.strictObject({ apiKeys: z.array(apiKeySchema) }));
    await parsed(
      addWebhook(request("/api/staff/webhooks", { method: "POST", headers: { cookie }, body: JSON.stringify({ url: "http://127.0.0.1:9/hooks", eventTypes: ["order.status"] }) })),
      z.strictObject({ secret: z.string(), webhook: webhookSchema }),
      201,
    );
    await parsed(listWebhooks(request("/api/staff/webhooks", { headers: { cookie } })), z.strictObject({ webhooks: z.array(webhookSchema) }));
    await parsed(listKeys(request("/api/staff/api-keys", { headers: { authorization: `Bearer ${key}` } })), errorSchema, 403);
  });
});
