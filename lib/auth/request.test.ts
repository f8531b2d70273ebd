import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { createApiKey, revokeApiKey } from "./api-keys";
import { authorize, requireOwner } from "./request";
import { STAFF_SESSION_COOKIE, createStaffSession } from "./session";
import { upsertStaffUser } from "./staff";

let cleanup: () => Promise<void>;
let ownerCookie: string;
let staffCookie: string;
let tillKey: string;
let readerKey: string;
let revokedKey: string;

function request(headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1/api/anything", { headers });
}

const bearer = (key: string) => request({ authorization: `Bearer ${key}` });
const withCookie = (cookie: string) => request({ cookie: `${STAFF_SESSION_COOKIE}=${encodeURIComponent(cookie)}` });

async function refusal(answer: { ok: true } | { ok: false; response: Response }) {
  if (answer.ok) throw new Error("expected a refusal");
  const body = (await answer.response.json()) as { error: { code: string; message: string } };
  return { status: answer.response.status, code: body.error.code, body: JSON.stringify(body), challenge: answer.response.headers.get("www-authenticate") };
}

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  const owner = await upsertStaffUser(db(), { email: "owner@example.com", name: "Olu", password: "s3cret-pass-1", role: "owner" });
  const staff = await upsertStaffUser(db(), { email: "cook@example.com", name: "Kim", password: "s3cret-pass-2" });
  ownerCookie = (await createStaffSession(owner.id)).cookie;
  staffCookie = (await createStaffSession(staff.id)).cookie;
  tillKey = (await createApiKey(db(), { name: "Till 2", scopes: ["orders:create", "orders:write"] }, owner.id)).key;
  readerKey = (await createApiKey(db(), { name: "Dashboard", scopes: ["events:read"] }, owner.id)).key;
  const revoked = await createApiKey(db(), { name: "Old till", scopes: ["orders:write"] }, owner.id);
  revokedKey = revoked.key;
  await revokeApiKey(db(), revoked.summary.id);
});
afterAll(() => cleanup());

describe("authorize", () => {
  it("lets a key do what its scopes allow, acting as the key", async () => {
    const answer = await authorize(bearer(tillKey), "orders:write");
    expect(answer.ok && answer.principal.actor).toMatchObject({ kind: "api_key", name: "Till 2" });
    expect((await authorize(bearer(readerKey), "events:read")).ok).toBe(true);
  });

  it("refuses a key without the scope with 403 insufficient_scope, naming the scope", async () => {
    expect(await refusal(await authorize(bearer(readerKey), "orders:write"))).toMatchObject({
      status: 403,
      code: "insufficient_scope",
      challenge: 'Bearer realm="tracker", error="insufficient_scope", scope="orders:write"',
    });
    expect(await refusal(await authorize(bearer(tillKey), "events:read"))).toMatchObject({ status: 403, code: "insufficient_scope" });
  });

  it("refuses wrong, malformed and revoked keys with 401 and their own codes, never echoing the key", async () => {
    const wrong = `trk_${"x".repeat(43)}`;
    const cases = [
      [bearer(wrong), "invalid_api_key", wrong],
      [bearer(revokedKey), "api_key_revoked", revokedKey],
      [request({ authorization: `Basic ${Buffer.from(`u:${tillKey}`).toString("base64")}` }), "invalid_api_key", tillKey],
      [request({ authorization: "Bearer" }), "invalid_api_key", "Bearer"],
    ] as const;
    for (const [req, code, secret] of cases) {
      const refused = await refusal(await authorize(req, "orders:write"));
      expect(refused, code).toMatchObject({ status: 401, code });
      expect(refused.challenge).toMatch(/^Bearer realm="tracker", error="/);
      if (secret.startsWith("trk_")) expect(refused.body).not.toContain(secret.slice(4));
    }
  });

  it("judges a request by its Authorization header alone, even when it carries a staff cookie", async () => {
    const both = request({
      authorization: `Bearer trk_${"x".repeat(43)}`,
      cookie: `${STAFF_SESSION_COOKIE}=${encodeURIComponent(ownerCookie)}`,
    });
    expect(await refusal(await authorize(both, "orders:write"))).toMatchObject({ status: 401, code: "invalid_api_key" });
  });

  it("lets a staff session do everything a key can be given, acting as the staff member", async () => {
    for (const scope of ["orders:create", "orders:write", "events:read"] as const) {
      const answer = await authorize(withCookie(staffCookie), scope);
      expect(answer.ok && answer.principal.actor, scope).toMatchObject({ kind: "staff", name: "Kim" });
    }
  });

  it("refuses a caller with neither with 401 unauthorized and a bearer challenge", async () => {
    expect(await refusal(await authorize(request({}), "events:read"))).toMatchObject({
      status: 401,
      code: "unauthorized",
      challenge: 'Bearer realm="tracker"',
    });
  });
});

describe("requireOwner", () => {
  it("lets an owner's session in, and refuses staff and every key with 403 owner_only", async () => {
    expect(await requireOwner(withCookie(ownerCookie))).toMatchObject({ ok: true, staff: { name: "Olu", role: "owner" } });
    expect(await refusal(await requireOwner(withCookie(staffCookie)))).toMatchObject({ status: 403, code: "owner_only" });
    expect(await refusal(await requireOwner(bearer(tillKey)))).toMatchObject({ status: 403, code: "owner_only" });
    expect(await refusal(await requireOwner(request({})))).toMatchObject({ status: 401, code: "unauthorized" });
  });
});
