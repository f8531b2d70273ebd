/**
 * Issue 5's headers over real HTTP against the production server: every page's strict
 * Content-Security-Policy with its per-request nonce, the tracking pages' privacy headers, and the
 * API's headers on answers from Next and from the three paths served below it (decision 006).
 */
import type { APIResponse } from "@playwright/test";
import { advance, placeOrderViaApi, postTransition } from "./fixtures/helpers";
import { AppServer } from "./fixtures/server";
import { readStream } from "./fixtures/sse";
import { expect, test } from "./fixtures/test";

/** A Playwright answer's headers as fetch `Headers`, like the stream reader's. */
function headersOf(response: APIResponse): Headers {
  return new Headers(response.headers());
}

/** The policy's directives by name, each with its sources. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy, "Content-Security-Policy").toBeTruthy();
  return new Map(
    (policy ?? "").split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

/** Checks a page's headers; answers the nonce its policy names. */
function expectPageHeaders(response: APIResponse, { tracking }: { tracking: boolean }): string {
  const where = response.url();
  const headers = headersOf(response);
  const policy = directives(headers.get("content-security-policy"));
  const script = policy.get("script-src") ?? [];
  const nonce = /^'nonce-(.+)'$/.exec(script[0] ?? "")?.[1];
  expect(nonce, `${where}: script-src ${script.join(" ")}`).toBeTruthy();
  expect(script.slice(1), where).toEqual(["'strict-dynamic'"]);
  expect(policy.get("style-src"), where).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(headers.get("content-security-policy"), where).not.toContain("unsafe");
  for (const [name, sources] of [
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
    ["connect-src", ["'self'"]],
  ] as const) {
    expect(policy.get(name), `${where}: ${name}`).toEqual(sources);
  }
  expect(headers.get("x-content-type-options"), where).toBe("nosniff");
  expect(headers.get("x-frame-options"), where).toBe("DENY");
  expect(headers.get("cross-origin-opener-policy"), where).toBe("same-origin");
  expect(headers.get("permissions-policy"), where).toContain("camera=()");
  expect(headers.get("referrer-policy"), where).toBe(tracking ? "no-referrer" : "strict-origin-when-cross-origin");
  expect(headers.get("x-robots-tag"), where).toBe(tracking ? "noindex, nofollow" : null);
  // Plain HTTP here: no HSTS, no upgrade of our own http:// URLs.
  expect(headers.get("strict-transport-security"), where).toBeNull();
  expect(policy.has("upgrade-insecure-requests"), where).toBe(false);
  return nonce ?? "";
}

function expectApiHeaders(headers: Headers, where: string): void {
  expect(headers.get("content-security-policy"), where).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(headers.get("x-content-type-options"), where).toBe("nosniff");
  expect(headers.get("referrer-policy"), where).toBe("no-referrer");
  expect(headers.get("x-robots-tag"), where).toBe("noindex, nofollow");
  expect(headers.get("cross-origin-resource-policy"), where).toBe("same-origin");
}

test.describe("pages", () => {
  test("each page sends a strict policy whose fresh nonce is on every script Next renders", async ({ request, staff }) => {
    const placed = await placeOrderViaApi(request);
    const pages = [
      { path: "/", client: request, tracking: false },
      { path: "/order", client: request, tracking: false },
      { path: placed.trackingPath, client: request, tracking: true },
      { path: "/staff/login", client: request, tracking: false },
      { path: "/staff", client: staff, tracking: false },
    ];
    for (const { path, client, tracking } of pages) {
      const response = await client.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      const nonce = expectPageHeaders(response, { tracking });
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, `${path} renders Next's scripts`).toBeGreaterThan(0);
      for (const script of scripts) expect(script, path).toContain(` nonce="${nonce}"`);
      // A nonce an attacker saw once is worth nothing on the next request.
      const again = expectPageHeaders(await client.get(path, { maxRedirects: 0 }), { tracking });
      expect(again, path).not.toBe(nonce);
    }
  });

  test("an unknown tracking link's 404 page keeps the token out of Referer headers and indexes too", async ({ request }) => {
    const response = await request.get(`/track/${"A".repeat(32)}`);
    expect(response.status()).toBe(404);
    expectPageHeaders(response, { tracking: true });
  });

  test("over HTTPS (as a trusted TLS-terminating proxy reports it) pages add HSTS and upgrade insecure requests; a client's own claim is not believed", async ({
    request,
    database,
    playwright,
  }) => {
    const claimed = headersOf(await request.get("/", { headers: { "X-Forwarded-Proto": "https" } }));
    expect(claimed.get("strict-transport-security")).toBeNull();
    expect(directives(claimed.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(false);

    const proxied = await AppServer.launch("B", database, { TRACKER_TRUSTED_PROXIES: "1" });
    const api = await playwright.request.newContext({ baseURL: proxied.baseURL });
    try {
      const headers = headersOf(await api.get("/", { headers: { "X-Forwarded-Proto": "https" } }));
      expect(headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(directives(headers.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(true);
    } finally {
      await api.dispose();
      await proxied.dispose();
    }
  });

  test("Next's own scripts and stylesheets are served with nosniff and a policy that allows nothing", async ({ request }) => {
    const html = await (await request.get("/")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? "");
    expect(assets.some((asset) => asset.endsWith(".js"))).toBe(true);
    expect(assets.some((asset) => asset.endsWith(".css"))).toBe(true);
    for (const asset of new Set(assets)) {
      const response = await request.get(asset);
      expect(response.status(), asset).toBe(200);
      expectApiHeaders(headersOf(response), asset);
    }
  });
});

test.describe("API answers", () => {
  test("JSON answers from Next's routes", async ({ request }) => {
    const created = await request.post("/api/orders", {
      data: { customerName: "Ada", items: [{ name: "Tea", quantity: 1 }] },
    });
    expect(created.status()).toBe(201);
    expectApiHeaders(headersOf(created), "POST /api/orders");
    const token = new URL((await created.json()).trackingUrl).pathname.split("/").pop();
    const tracked = await request.get(`/api/track/${token}`);
    expect(tracked.status()).toBe(200);
    expectApiHeaders(headersOf(tracked), "GET /api/track/{token}");
    const unknown = await request.get(`/api/track/${"A".repeat(32)}`);
    expect(unknown.status()).toBe(404);
    expectApiHeaders(headersOf(unknown), "GET /api/track/{unknown}");
  });

  test("JSON answers from the hot paths: status changes and refused streams", async ({ request, staff }) => {
    const placed = await placeOrderViaApi(request);
    const changed = await postTransition(staff, placed.order.id, "confirmed", 1);
    expect(changed.status()).toBe(200);
    expectApiHeaders(headersOf(changed), "POST transitions 200");
    const refused = await postTransition(request, placed.order.id, "preparing", 2);
    expect(refused.status()).toBe(401);
    expectApiHeaders(headersOf(refused), "POST transitions 401");
    const unknown = await request.get(`/api/track/${"A".repeat(32)}/events`);
    expect(unknown.status()).toBe(404);
    expectApiHeaders(headersOf(unknown), "GET /api/track/{unknown}/events");
    const anonymous = await request.get("/api/staff/events");
    expect(anonymous.status()).toBe(401);
    expectApiHeaders(headersOf(anonymous), "GET /api/staff/events 401");
  });

  test("both event streams", async ({ request, staff, baseURL }) => {
    const placed = await placeOrderViaApi(request);
    await advance(staff, placed.order.id, "confirmed", 1);
    const session = (await staff.storageState()).cookies.find((cookie) => cookie.name === "tracker_staff");
    const opened = (text: string) => text.startsWith("retry:");
    const customer = await readStream(`${baseURL}/api/track/${placed.token}/events`, {}, opened);
    expect(customer.status).toBe(200);
    expectApiHeaders(customer.headers, "the tracking stream");
    const board = await readStream(`${baseURL}/api/staff/events`, { cookie: `tracker_staff=${session?.value}` }, opened);
    expect(board.status).toBe(200);
    expectApiHeaders(board.headers, "the staff stream");
  });
});
