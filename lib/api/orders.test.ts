/**
 * `POST /api/orders` as the shop's other systems use it: keys and scopes, Idempotency-Key,
 * externalId, and anonymous ordering as a setting with its limits. On each database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { STAFF_SESSION_COOKIE, createStaffSession } from "@/lib/auth/session";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/edge-headers";
import { copyDatabase, everyCell } from "@/test/support/copy-database";
import { useFreshDatabase } from "@/test/support/databases";
import { POST } from "./orders";

let cleanup: () => Promise<void>;
let url: string;
let till: { key: string; id: string };
let reader: string;
let staffCookie: string;

const pizza = { customerName: "Ada", items: [{ name: "Margherita pizza", quantity: 1 }] };

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request("http://127.0.0.1:3000/api/orders", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const withKey = (key: string, headers: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...headers });

async function json(response: Response): Promise<{ error?: { code: string }; order?: { id: string; timeline: unknown[] }; trackingUrl?: string }> {
  return (await response.json()) as never;
}

beforeAll(async () => {
  ({ cleanup, url } = await useFreshDatabase());
  const owner = await upsertStaffUser(db(), { email: "owner@example.com", name: "Olu", password: "s3cret-pass-1", role: "owner" });
  staffCookie = (await createStaffSession(owner.id)).cookie;
  const made = await createApiKey(db(), { name: "Till 2", scopes: ["orders:create"] }, owner.id);
  till = { key: made.key, id: made.summary.id };
  reader = (await createApiKey(db(), { name: "Dashboard", scopes: ["events:read"] }, owner.id)).key;
});
afterAll(() => cleanup());
afterEach(() => vi.unstubAllEnvs());

describe("POST /api/orders with an API key", () => {
  it("places the order as the key, with the key's source and the till's number", async () => {
    const answer = await post({ ...pizza, externalId: "T2-1042" }, withKey(till.key));
    expect(answer.status).toBe(201);
    const { order } = await json(answer);
    const row = await db().order.findUniqueOrThrow({ where: { id: order?.id }, include: { events: true } });
    expect(row).toMatchObject({ sourceKeyId: till.id, externalId: "T2-1042" });
    expect(row.events).toEqual([expect.objectContaining({ type: "order.created", apiKeyId: till.id, actorId: null })]);
  });

  it("refuses a key without orders:create (403), and a revoked key (401)", async () => {
    expect(await json(await post(pizza, withKey(reader)))).toMatchObject({ error: { code: "insufficient_scope" } });
    const old = await createApiKey(db(), { name: "Old till", scopes: ["orders:create"] }, null);
    await revokeApiKey(db(), old.summary.id);
    const refused = await post(pizza, withKey(old.key));
    expect(refused.status).toBe(401);
    expect(await json(refused)).toMatchObject({ error: { code: "api_key_revoked" } });
  });

  it("answers a retry with the same Idempotency-Key and body with the first answer, placing nothing more", async () => {
    const first = await post(pizza, withKey(till.key, { "idempotency-key": "retry-1" }));
    const firstBody = await first.text();
    const before = await db().order.count();
    // The same request, spaced and ordered differently: the same request all the same.
    const again = await post(`{ "items": [{"quantity":1, "name":"Margherita pizza"}], "customerName": "Ada" }`, withKey(till.key, { "idempotency-key": "retry-1" }));
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await db().order.count()).toBe(before);
  });

  it("refuses the same Idempotency-Key with another body (422), and places nothing", async () => {
    await post(pizza, withKey(till.key, { "idempotency-key": "retry-2" }));
    const before = await db().order.count();
    const other = await post({ ...pizza, customerName: "Bo" }, withKey(till.key, { "idempotency-key": "retry-2" }));
    expect(other.status).toBe(422);
    expect(await json(other)).toMatchObject({ error: { code: "idempotency_key_reused" } });
    expect(await db().order.count()).toBe(before);
  });

  it("places one order for 20 concurrent retries with one Idempotency-Key, and answers each the same", async () => {
    const before = await db().order.count();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post({ ...pizza, externalId: "T2-2000" }, withKey(till.key, { "idempotency-key": "burst-1" }))),
    );
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(new Set(bodies).size).toBe(1);
    expect(await db().order.count()).toBe(before + 1);
    expect(await db().orderEvent.count({ where: { order: { externalId: "T2-2000" } } })).toBe(1);
  });

  it("keeps Idempotency-Keys per API key, and for 24 hours", async () => {
    const other = await createApiKey(db(), { name: "Web shop", scopes: ["orders:create"] }, null);
    const a = await json(await post(pizza, withKey(till.key, { "idempotency-key": "shared" })));
    const b = await json(await post(pizza, withKey(other.key, { "idempotency-key": "shared" })));
    expect(a.order?.id).not.toBe(b.order?.id);
    await db().idempotencyRecord.updateMany({ where: { key: "shared" }, data: { createdAt: new Date(Date.now() - 24 * 3600_000 - 1) } });
    const later = await json(await post(pizza, withKey(till.key, { "idempotency-key": "shared" })));
    expect(later.order?.id).not.toBe(a.order?.id);
    expect(await db().idempotencyRecord.count({ where: { key: "shared" } })).toBe(1);
  });

  it("keeps no tracking link in the database, even in a kept answer", async () => {
    const { trackingUrl } = await json(await post(pizza, withKey(till.key, { "idempotency-key": "secret-1" })));
    const token = trackingUrl?.split("/track/")[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    const copy = await copyDatabase(url);
    expect(everyCell(copy).some((cell) => cell.includes(token))).toBe(false);
  });

  it("refuses a second order with the same externalId from the same key (409), not from another key", async () => {
    await post({ ...pizza, externalId: "T2-3000" }, withKey(till.key));
    const again = await post({ ...pizza, externalId: "T2-3000" }, withKey(till.key));
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ error: { code: "duplicate_external_id" } });
    const other = await createApiKey(db(), { name: "Second till", scopes: ["orders:create"] }, null);
    expect((await post({ ...pizza, externalId: "T2-3000" }, withKey(other.key))).status).toBe(201);
  });

  it("refuses a malformed Idempotency-Key or externalId with 400", async () => {
    expect(await json(await post(pizza, withKey(till.key, { "idempotency-key": "has space" })))).toMatchObject({ error: { code: "invalid_idempotency_key" } });
    expect(await json(await post(pizza, withKey(till.key, { "idempotency-key": "x".repeat(256) })))).toMatchObject({ error: { code: "invalid_idempotency_key" } });
    expect(await json(await post({ ...pizza, externalId: "T2 1" }, withKey(till.key)))).toMatchObject({ error: { code: "invalid_body" } });
  });
});

describe("POST /api/orders without a key", () => {
  const cookie = () => ({ cookie: `${STAFF_SESSION_COOKIE}=${encodeURIComponent(staffCookie)}` });

  it("is refused when anonymous ordering is off, but a signed-in staff member may still place one", async () => {
    vi.stubEnv("TRACKER_ANONYMOUS_ORDERS", "false");
    const refused = await post(pizza);
    expect(refused.status).toBe(401);
    expect(await json(refused)).toMatchObject({ error: { code: "unauthorized" } });
    const { order } = await json(await post(pizza, cookie()));
    const event = await db().orderEvent.findFirstOrThrow({ where: { orderId: order?.id } });
    expect(event.actorId).not.toBeNull();
  });

  it("refuses an Idempotency-Key or an externalId without a key (400)", async () => {
    vi.stubEnv("TRACKER_ANONYMOUS_ORDERS", "true");
    expect(await json(await post(pizza, { "idempotency-key": "k1", ...cookie() }))).toMatchObject({ error: { code: "invalid_request" } });
    expect(await json(await post({ ...pizza, externalId: "1" }, cookie()))).toMatchObject({ error: { code: "invalid_body" } });
  });

  it("is limited per client address when on: 429 with Retry-After past the limit, other addresses unaffected", async () => {
    vi.stubEnv("TRACKER_ANONYMOUS_ORDERS", "true");
    const from = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(pizza, from("203.0.113.7"))).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    const refused = await post(pizza, from("203.0.113.7"));
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await json(refused)).toMatchObject({ error: { code: "too_many_requests" } });
    expect((await post(pizza, from("198.51.100.1"))).status).toBe(201);
    // A key is not anonymous: the flood's limit does not touch it.
    expect((await post(pizza, { ...from("203.0.113.7"), ...withKey(till.key) })).status).toBe(201);
  });
});
