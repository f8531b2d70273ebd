/**
 * Staff sign-in and the state-changing endpoints, tried as an attacker would: forged cross-site
 * requests, password guessing, stolen and revoked cookies, and a production server left with the
 * documented default password.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_STAFF } from "../lib/auth/default-staff";
import { loginAsStaff, placeOrderViaApi, postTransition, STAFF } from "./fixtures/helpers";
import { AppServer } from "./fixtures/server";
import { expect, test } from "./fixtures/test";

/** A page on another site (127.0.0.1 is not the same site as localhost), serving `html`. */
async function otherSite(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test.describe("cross-site requests", () => {
  test("a page on another site cannot change an order, even in a browser signed in as staff", async ({ page, request, server }) => {
    const placed = await placeOrderViaApi(request);
    await loginAsStaff(page);
    // What a forger can make a browser send without a CORS preflight: a form posted as
    // text/plain, its one field shaped so that the body reads as the JSON the endpoint wants.
    // (A no-cors fetch would do too, but its answer is hidden from the page and, with CORP, from
    // the test.) Each form submits itself, so the browser navigates to the answer.
    const forgeries = [
      { target: `${server.baseURL}/api/staff/orders/${placed.order.id}/transitions`, json: { to: "confirmed", expectedVersion: 1 } },
      { target: `${server.baseURL}/api/orders`, json: { customerName: "Spam", items: [{ name: "Spam", quantity: 1 }] } },
    ];
    for (const { target, json } of forgeries) {
      const body = JSON.stringify({ ...json, padding: "" });
      const [name, value] = [body.slice(0, -2), body.slice(-2)];
      const evil = await otherSite(`<!doctype html>
        <form method="post" enctype="text/plain" action="${target}"><input name='${name}' value='${value}'></form>
        <script>document.forms[0].submit()</script>`);
      try {
        const answer = page.waitForResponse(target);
        await page.goto(evil.url);
        expect((await answer).status()).toBe(403);
      } finally {
        await evil.close();
      }
    }
    const staff = await page.request.get("/api/staff/orders");
    const orders = (await staff.json()).orders as { id: string; status: string; customerName: string }[];
    expect(orders.find((order) => order.id === placed.order.id)?.status).toBe("placed");
    expect(orders.some((order) => order.customerName === "Spam")).toBe(false);
  });

  test("a forged Origin is refused even with the staff cookie attached (a browser without SameSite)", async ({ request, staff }) => {
    const placed = await placeOrderViaApi(request);
    const forgeries: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
    for (const headers of forgeries) {
      const change = await staff.post(`/api/staff/orders/${placed.order.id}/transitions`, { headers, data: { to: "confirmed", expectedVersion: 1 } });
      expect(change.status()).toBe(403);
      expect((await change.json()).error.code).toBe("cross_site");
      expect((await staff.post("/api/orders", { headers, data: { customerName: "X", items: [{ name: "Y", quantity: 1 }] } })).status()).toBe(403);
      expect((await staff.post("/api/staff/session", { headers, data: STAFF })).status()).toBe(403);
      expect((await staff.delete("/api/staff/session", { headers })).status()).toBe(403);
    }
    // The session survived the forged logouts, and the order was never changed.
    const ok = await postTransition(staff, placed.order.id, "confirmed", 1);
    expect(ok.status()).toBe(200);
  });
});

test.describe("staff sessions", () => {
  test("the cookie is HttpOnly, SameSite=Lax, expiring, Secure behind HTTPS, and dead after logout", async ({ playwright, server, database }) => {
    const api = await playwright.request.newContext({ baseURL: server.baseURL });
    try {
      const plain = await api.post("/api/staff/session", { data: STAFF });
      const cookie = plain.headers()["set-cookie"] ?? "";
      expect(cookie).toMatch(/^tracker_staff=/);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=lax/i);
      expect(cookie).toMatch(/; Expires=/i);
      expect(cookie).not.toMatch(/; Secure/i);
      // A client's own X-Forwarded-Proto proves nothing; a trusted proxy's (TRACKER_TRUSTED_PROXIES) does.
      const claimed = await api.post("/api/staff/session", { data: STAFF, headers: { "x-forwarded-proto": "https" } });
      expect(claimed.headers()["set-cookie"]).not.toMatch(/; Secure/i);
      const behindProxy = await AppServer.launch("B", database, { TRACKER_TRUSTED_PROXIES: "1" });
      const viaProxy = await playwright.request.newContext({ baseURL: behindProxy.baseURL });
      try {
        const proxied = await viaProxy.post("/api/staff/session", { data: STAFF, headers: { "x-forwarded-proto": "https" } });
        expect(proxied.headers()["set-cookie"]).toMatch(/; Secure/i);
      } finally {
        await viaProxy.dispose();
        await behindProxy.dispose();
      }

      const value = cookie.split(";")[0] ?? "";
      expect((await api.get("/api/staff/orders", { headers: { cookie: value } })).status()).toBe(200);
      expect((await api.delete("/api/staff/session", { headers: { cookie: value } })).status()).toBe(204);
      // A copy of the cookie taken before logout opens nothing afterwards.
      expect((await api.get("/api/staff/orders", { headers: { cookie: value } })).status()).toBe(401);
    } finally {
      await api.dispose();
    }
  });

  test("repeated failures are refused with 429 and Retry-After, the same for an unknown email", async ({ database, playwright }) => {
    const server = await AppServer.launch("A", database, { TRACKER_LOGIN_MAX_FAILURES_PER_ACCOUNT: "3" });
    const api = await playwright.request.newContext({ baseURL: server.baseURL });
    try {
      const attempts = async (email: string) => {
        const answers = [];
        for (let i = 0; i < 5; i++) {
          const response = await api.post("/api/staff/session", { data: { email, password: `guess ${i}` } });
          answers.push({ status: response.status(), body: await response.json(), retryAfter: response.headers()["retry-after"] });
        }
        return answers;
      };
      const known = await attempts(STAFF.email);
      expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 429, 429]);
      expect(Number(known[3]?.retryAfter)).toBeGreaterThan(0);
      expect(known[3]?.body.error.code).toBe("too_many_requests");
      const unknown = await attempts("nobody@example.com");
      expect(unknown.map((answer) => answer.status)).toEqual(known.map((answer) => answer.status));
      // Word for word, but for the seconds a 429 names (a second may pass between the two runs).
      const text = (answer: (typeof known)[number]) => JSON.stringify(answer.body).replace(/\d+ seconds/, "N seconds");
      expect(unknown.map(text)).toEqual(known.map(text));
      // The right password is refused too while the account is locked: guessing cannot go on.
      expect((await api.post("/api/staff/session", { data: STAFF })).status()).toBe(429);
    } finally {
      await api.dispose();
      await server.dispose();
    }
  });
});

test.describe("production defaults", () => {
  test("a production server refuses to start with the documented default password, and the demo starts", async ({ database }) => {
    const refused = AppServer.launch("A", database, { STAFF_PASSWORD: DEFAULT_STAFF.password });
    await expect(refused).rejects.toThrow(/staff@tracker\.local still has the default password/);
    const demo = await AppServer.launch("A", database, { STAFF_PASSWORD: DEFAULT_STAFF.password, TRACKER_DEMO: "true" });
    await demo.dispose();
  });
});
