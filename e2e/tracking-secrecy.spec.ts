/**
 * Issue 5 item 4 over real HTTP: the tracking token alone opens an order. The order's code and
 * id, a well-formed unknown token, malformed ones (too short, too long, odd characters,
 * percent-encoded junk) and every value in a copy of the database all get the unknown token's
 * answer, with the same status, headers and body, from the JSON endpoint, the stream (served
 * below Next) and the page; none of them is ever a 5xx.
 */
import { randomBytes } from "node:crypto";
import { copyDatabase, everyCell } from "../test/support/copy-database";
import { advance, placeOrderViaApi } from "./fixtures/helpers";
import { readStream } from "./fixtures/sse";
import { expect, test } from "./fixtures/test";

const ENDPOINTS = {
  json: (token: string) => `/api/track/${token}`,
  stream: (token: string) => `/api/track/${token}/events`,
  page: (token: string) => `/track/${token}`,
};

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One GET, read to its end. Only what legitimately differs between two requests is set aside:
 * the Date header, and per-request nonces (the page's Content-Security-Policy and its Link preload).
 */
async function answer(url: string): Promise<Answer & { ended: boolean }> {
  const response = await readStream(url, {}, () => false, 5_000);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "date") headers[name] = value.replace(/nonce-[^'"\s;]+/g, "nonce-*").replace(/nonce="[^"]*"/g, 'nonce="*"');
  });
  return { status: response.status, headers, body: response.text, ended: response.ended };
}

function unknownToken(): string {
  return randomBytes(24).toString("base64url");
}

test("the code, the id, unknown and malformed tokens get the same answer from the JSON, the stream and the page", async ({
  request,
  baseURL,
}) => {
  const customerName = "Ottoline Secret";
  const placed = await placeOrderViaApi(request, { customerName });
  const { token } = placed;
  const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  const guesses = {
    code: placed.order.code,
    "code, lower case": placed.order.code.toLowerCase(),
    id: placed.order.id,
    "another unknown token": unknownToken(),
    "the token, last character changed": flipped,
    "the token, one character short": token.slice(0, -1),
    "the token, one character more": `${token}A`,
    "half the token": token.slice(0, 16),
    "one character": "a",
    "far too long": "x".repeat(1_000),
    "odd characters": "a$b!c*d'(e)~f",
    "encoded NUL": "%00",
    "encoded percent sign": "%25",
    "encoded slash": "a%2Fb",
    "encoded bidi override and emoji": "%E2%80%AE%F0%9F%8D%95",
    "bad escape": "%ZZ",
    "lone percent sign": "%",
    "trailing percent sign": `${token}%`,
    "invalid UTF-8": "%C3%28",
    "encoded lone surrogate": "%ED%A0%80",
  };

  for (const [kind, path] of Object.entries(ENDPOINTS)) {
    const unknown = await answer(`${baseURL}${path(unknownToken())}`);
    expect(unknown.status, kind).toBe(404);
    expect(unknown.ended, `${kind}: a 404 ends`).toBe(true);
    if (kind !== "page") expect(JSON.parse(unknown.body), kind).toEqual({ error: { code: "not_found", message: expect.any(String) } });

    for (const [name, guess] of Object.entries(guesses)) {
      const got = await answer(`${baseURL}${path(guess)}`);
      const label = `${kind} for ${name} (${guess.slice(0, 40)})`;
      expect(got.status, label).toBe(unknown.status);
      expect(got.headers, label).toEqual(unknown.headers);
      // Next's HTML carries the requested path and streams its chunks in varying order, so the
      // page's own words are compared in a browser (below); here it must only show no order.
      if (kind === "page") expect(got.body, label).not.toContain(customerName);
      else expect(got.body, label).toBe(unknown.body);
    }
  }

  // The link itself does open all three (so the 404s above are not a server that finds nothing).
  expect((await answer(`${baseURL}${ENDPOINTS.json(token)}`)).status).toBe(200);
  expect((await answer(`${baseURL}${ENDPOINTS.page(token)}`)).body).toContain(customerName);
  const stream = await readStream(`${baseURL}${ENDPOINTS.stream(token)}`, {}, (text) => text.includes("retry:"));
  expect(stream.status).toBe(200);
});

test("in the browser, the code, the id and junk show the same not-found page as an unknown token", async ({ page, request }) => {
  const customerName = "Perpetua Secret";
  const placed = await placeOrderViaApi(request, { customerName });

  const seen = async (token: string) => {
    const response = await page.goto(ENDPOINTS.page(token));
    return { status: response?.status(), title: await page.title(), text: await page.locator("body").innerText() };
  };
  const unknown = await seen(unknownToken());
  expect(unknown.status).toBe(404);
  expect(unknown.text).toContain("We can’t find that page");
  for (const guess of [placed.order.code, placed.order.id, placed.token.slice(0, -1), "%ZZ", "%E2%80%AE"]) {
    const got = await seen(guess);
    expect(got, guess).toEqual(unknown);
    expect(got.text, guess).not.toContain(customerName);
  }

  const opened = await seen(placed.token);
  expect(opened.status).toBe(200);
  expect(opened.text).toContain(customerName);
});

test("no value in a copy of the server's database opens an order", async ({ request, staff, server }) => {
  const placed = await Promise.all([1, 2, 3].map((i) => placeOrderViaApi(request, { customerName: `Copy ${i}`, note: `note ${i}` })));
  await advance(staff, placed[0]!.order.id, "confirmed", 1);

  const copy = await copyDatabase(server.databaseUrl);
  const cells = [...new Set(everyCell(copy))];
  expect(copy.tables.get("Order")?.length).toBeGreaterThanOrEqual(placed.length);
  const text = cells.join("\n");
  for (const { token } of placed) {
    expect(text).not.toContain(token);
    expect(copy.files.some((bytes) => bytes.includes(token))).toBe(false);
  }
  for (const cell of cells) {
    const response = await request.get(ENDPOINTS.json(encodeURIComponent(cell)));
    expect(response.status(), cell).toBe(404);
  }
  for (const { token, order } of placed) expect((await (await request.get(ENDPOINTS.json(token))).json()).order.id).toBe(order.id);
});
