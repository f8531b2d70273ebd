/**
 * Hostile input against the production server: property-generated junk (fast-check) sent over
 * raw HTTP to every row of the README's "HTTP and SSE contract" and to the pages: odd path
 * encodings, bodies of every shape and size, odd content types, junk cookies, Host headers,
 * cursors and query strings, methods the row does not allow. The answer is never a 5xx, and a
 * refusal from a contract row is JSON with an error code and message.
 *
 * Login: the junk sent to POST /api/staff/session is never a well-formed login, so the only real
 * attempt is the `staff` fixture's own (login throttling must not see this spec as an attack).
 */
import http from "node:http";
import fc from "fast-check";
import type { APIRequestContext } from "@playwright/test";
import { MAX_BODY_BYTES } from "../lib/http/body";
import { decodes } from "../lib/http/decodable-path";
import { staffLoginSchema } from "../lib/orders/input";
import { ORDER_STATUSES } from "../lib/orders/status";
import { placeOrderViaApi } from "./fixtures/helpers";
import { expect, test } from "./fixtures/test";

interface Probe {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Send the body in pieces with Transfer-Encoding: chunked, so only its bytes tell its size. */
  chunked?: boolean;
}

interface Answer {
  status: number;
  type: string;
  text: string;
}

/**
 * One request over a fresh connection, with exactly these bytes in the path and headers (fetch
 * and Playwright would normalise them). A stream that opens is closed as soon as its status
 * arrives. A reset during a large upload yields the status seen so far (0 if none).
 */
function send(port: number, probe: Probe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let status = 0;
    // A server may answer without reading a large body (413, or 405 before any reading) and
    // close the connection: a reset is then the client's problem, not an answer.
    const large = (probe.body?.byteLength ?? 0) > 16 * 1024;
    const fail = (error: NodeJS.ErrnoException) => {
      if (large && (error.code === "ECONNRESET" || error.code === "EPIPE")) resolve({ status, type: "", text: "" });
      else reject(error);
    };
    const headers: Record<string, string> = { connection: "close", ...probe.headers };
    // Framing stated outright: Node's client frames no body of a DELETE or OPTIONS by itself.
    if (probe.body) headers[probe.chunked ? "transfer-encoding" : "content-length"] = probe.chunked ? "chunked" : String(probe.body.byteLength);
    const req = http.request({ host: "127.0.0.1", port, method: probe.method, path: probe.path, headers, maxHeaderSize: 1 << 20 }, (res) => {
      status = res.statusCode ?? 0;
      const type = String(res.headers["content-type"] ?? "");
      const chunks: Buffer[] = [];
      if (type.startsWith("text/event-stream")) {
        res.destroy();
        resolve({ status, type, text: "" });
        return;
      }
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status, type, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", fail);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer in 10 s to ${probe.method} ${probe.path}`)));
    req.on("error", fail);
    if (probe.body && probe.chunked) {
      const step = Math.max(1, Math.ceil(probe.body.byteLength / 3));
      for (let at = 0; at < probe.body.byteLength; at += step) req.write(probe.body.subarray(at, at + step));
      req.end();
    } else {
      req.end(probe.body);
    }
  });
}

// --- what the contract promises ------------------------------------------------------------------

interface Row {
  methods: string[];
  path: RegExp;
}

const ROWS: Row[] = [
  { methods: ["POST"], path: /^\/api\/orders$/ },
  { methods: ["GET"], path: /^\/api\/track\/[^/]+$/ },
  { methods: ["GET"], path: /^\/api\/track\/[^/]+\/events$/ },
  { methods: ["POST", "DELETE"], path: /^\/api\/staff\/session$/ },
  { methods: ["GET"], path: /^\/api\/staff\/orders$/ },
  { methods: ["POST"], path: /^\/api\/staff\/orders\/[^/]+\/transitions$/ },
  { methods: ["GET"], path: /^\/api\/staff\/events$/ },
];

/**
 * The probe's row of the contract, when it names one with a method the row allows in a valid
 * request target (Node's HTTP parser answers raw non-ASCII bytes itself, with an empty 400).
 */
function contractRow(probe: Probe): Row | undefined {
  const path = probe.path.split(/[?#]/)[0] ?? "";
  if (!/^[\x21-\x7e]*$/.test(probe.path) || !decodes(path)) return undefined;
  return ROWS.find((row) => row.path.test(path) && row.methods.includes(probe.method));
}

function expectSane(probe: Probe, answer: Answer): void {
  const what = summary(probe);
  expect(answer.status, `${what} answered ${answer.status}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status === 0) return;
  // 429 is the login throttle's answer, whatever shape it gives it.
  if (!contractRow(probe) || answer.status < 400 || answer.status === 429) return;
  expect(answer.type, `${what}: a refusal from a contract row is JSON`).toMatch(/^application\/json/);
  const body: { error?: unknown } = JSON.parse(answer.text);
  expect(body.error, `${what}: ${answer.text.slice(0, 300)}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
}

// --- junk ------------------------------------------------------------------------------------------

const NASTY = [
  "", " ", "\u0000", "\u0085", "\u202e", "\u2066", "\u2028", "\ud800", "\udfff", "\ufeff", "\u200b", "%", "%zz",
  "'; DROP TABLE \"Order\"; --", "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x/a}", "{{7*7}}",
  "\r\n", "__proto__", "constructor", "A".repeat(5000), "🍕".repeat(60), "e\u0301".repeat(70), "\u{1D160}".repeat(40),
];
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom(...NASTY), fc.string({ maxLength: 30 }));
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, 99, 100, 1e400, -1e400, 2 ** 53 + 1, Number.MAX_VALUE),
  fc.constantFrom("1", "", null, true, [], {}),
);

// Path segments: anything well encoded, encodings that do not decode (or decode to something odd),
// dots, and raw bytes.
const segment = fc.oneof(
  text.map((value) => encodeURIComponent(value.toWellFormed())),
  fc.constantFrom(
    "%", "%zz", "%00", "%C0%AF", "%ED%A0%80", "%FF", "%E2%80%AE", "%2F", "%2e%2e", "..", ".", "%25", "%2525",
    "~", "A".repeat(4000), "%u0041", ";", "@", ":", "!$&'()*+,;=", "\u00e9", "x%0d%0aSet-Cookie:%20a=b",
  ),
  fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.~%"), maxLength: 40 }),
);

const cursorish = fc.oneof(
  fc.constantFrom("0", "1", "-1", "1e3", "0x10", "9007199254740993", "1".repeat(30), "NaN", " 5", "5,6", ""),
  fc.nat().map(String),
);
const query = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom("lastEventId", "after", "status", "includeFinished", "__proto__", ""), text), fc.oneof(text, cursorish)), { maxLength: 4 })
    .map((pairs) => `?${new URLSearchParams(pairs.map(([key, value]) => [key.toWellFormed(), value.toWellFormed()]))}`),
  fc.constantFrom(
    "?%zz", "?lastEventId=%zz", "?lastEventId=1&lastEventId=2", "?=&&=", `?${"a=1&".repeat(500)}`,
    `?status=${",".repeat(3000)}`, "?status=placed&status=ready", "?includeFinished=yes", "?lastEventId=-1", "?#x", "?__proto__[a]=1",
    "?after=%zz", "?after=1&after=2", "?after=1&lastEventId=1", "?after=", "?after=-1", `?after=${"9".repeat(40)}`,
  ),
);

// Header values: any byte Node lets a header carry (printable ASCII, tab, Latin-1).
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom("", "%zz", "%E0%A4%A", "A".repeat(4000), "=;=;;", "\u00ff\u00fe"),
);
const junkCookie = fc.oneof(
  headerValue,
  headerValue.map((value) => `tracker_staff=${value}`),
  fc.constantFrom("tracker_staff=%E0%A4%A", "tracker_staff=", "tracker_staff=a; tracker_staff=b", "__proto__=1; constructor=2"),
);
const contentType = fc.oneof(
  fc.constantFrom(
    "application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "APPLICATION/JSON",
    "application/json-patch+json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "",
  ),
  headerValue,
);
// Headers Next itself reads: router state, server actions, forwarding, encodings, ranges.
const nextHeader = fc.tuple(
  fc.constantFrom("rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "next-action", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "accept", "accept-encoding", "range", "if-none-match", "origin"),
  fc.oneof(headerValue, fc.constantFrom("1", "text/x-component", "[[[[", "%5B%22%22%5D", "0".repeat(42), "bytes=-1", "bytes=99999999999-")),
);
const host = fc.constantFrom("a b", "x:99999", "[::", "%zz", "\u00e9vil", "localhost:0", "-", "a".repeat(300));

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));
const depth = 20_000;
const body = fc.oneof(
  // Shaped like the real thing, so some get past validation: orders placed, orders advanced.
  fc
    .record({
      customerName: text,
      items: fc.array(fc.record({ name: text, quantity: fc.integer({ min: 1, max: 99 }) }), { minLength: 1, maxLength: 3 }),
    })
    .map(json),
  fc.record({ to: fc.constantFrom(...ORDER_STATUSES), expectedVersion: fc.integer({ min: 1, max: 3 }), note: text }, { requiredKeys: ["to", "expectedVersion"] }).map(json),
  fc
    .record({
      customerName: text,
      items: fc.oneof(fc.array(fc.record({ name: text, quantity: number }), { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
      note: text,
      to: text,
      expectedVersion: number,
      email: text,
      password: text,
    }, { requiredKeys: [] })
    .map((value) => json(value)),
  fc.jsonValue({ maxDepth: 3 }).map(json),
  fc.uint8Array({ maxLength: 512 }),
  fc.constantFrom(
    "[".repeat(depth) + "]".repeat(depth),
    '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
    '{"customerName":"A","customerName":"B","items":[{"name":"x","quantity":1}]}',
    '{"__proto__":{"admin":true},"customerName":"A","items":[{"name":"x","quantity":1}]}',
    '"a string"', "[]", "null", "1e400", "-0", "", "{", "\ufeff{}", '{"to":"confirmed","expectedVersion":1e400}',
  ).map((value) => encoder.encode(value)),
  fc.constantFrom(MAX_BODY_BYTES - 20, MAX_BODY_BYTES + 1, 3 * MAX_BODY_BYTES).map((size) => json({ customerName: "x".repeat(size) })),
);

interface Context {
  port: number;
  /** The fixture's session cookies, or null to send junk ones (or none). */
  cookie: string | null;
}

/** Undefined two times in three: junk in every header at once would hide the paths past the first check. */
const rarely = <T>(junk: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk });

/** A probe for `path`: with the usual method or another, junk headers, and a body where one fits. */
const probeOf = (path: fc.Arbitrary<string>, methods: string[], context: Context): fc.Arbitrary<Probe> =>
  fc
    .record({
      path,
      query,
      method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD") }),
      cookie: context.cookie === null ? fc.option(junkCookie, { nil: undefined }) : fc.oneof({ weight: 3, arbitrary: fc.constant(context.cookie) }, { weight: 1, arbitrary: junkCookie }),
      lastEventId: rarely(fc.oneof(cursorish, headerValue)),
      contentType: fc.oneof({ weight: 3, arbitrary: fc.constant("application/json") }, { weight: 1, arbitrary: contentType }),
      host: rarely(host),
      extra: rarely(nextHeader),
      body: fc.option(body, { freq: 8, nil: undefined }),
      chunked: fc.boolean(),
    })
    .map((p): Probe => {
      const headers: Record<string, string> = { "content-type": p.contentType };
      if (p.cookie !== undefined) headers.cookie = p.cookie;
      if (p.lastEventId !== undefined) headers["last-event-id"] = p.lastEventId;
      if (p.host !== undefined) headers.host = p.host;
      if (p.extra !== undefined) headers[p.extra[0]] = p.extra[1];
      const hasBody = p.method !== "GET" && p.method !== "HEAD";
      return printable({ method: p.method, path: p.path + p.query, headers, body: hasBody ? (p.body ?? new Uint8Array()) : undefined, chunked: p.chunked });
    })
    .map(neverALogin);

/** A probe that fast-check reports as one short line: a counterexample's 200 KB body is noise. */
function printable(probe: Probe): Probe {
  return Object.assign(probe, { [fc.toStringMethod]: () => summary(probe) });
}

function summary(probe: Probe): string {
  const body = probe.body ? ` body ${JSON.stringify(new TextDecoder().decode(probe.body.subarray(0, 200)))} (${probe.body.byteLength} bytes${probe.chunked ? ", chunked" : ""})` : "";
  return `${probe.method} ${probe.path.slice(0, 200)} ${JSON.stringify(probe.headers).slice(0, 300)}${body}`;
}

/** Keeps junk from being a well-formed login: throttling would count it, and no test needs it. */
function neverALogin(probe: Probe): Probe {
  if (!probe.path.startsWith("/api/staff/session") || !probe.body) return probe;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(probe.body));
  } catch {
    return probe;
  }
  const login = staffLoginSchema.safeParse(parsed);
  if (!login.success) return probe;
  return printable({ ...probe, body: json({ ...login.data, junk: true }) });
}

async function fire(context: Context, probes: fc.Arbitrary<Probe>, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(probes, async (probe) => {
      expectSane(probe, await send(context.port, probe));
    }),
    { numRuns },
  );
}

async function sessionCookie(staff: APIRequestContext): Promise<string> {
  const { cookies } = await staff.storageState();
  expect(cookies.length, "the staff fixture is signed in").toBeGreaterThan(0);
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

// --- the specs -------------------------------------------------------------------------------------

test("customer endpoints answer junk without a 5xx", async ({ server, request }) => {
  const placed = await placeOrderViaApi(request);
  const context: Context = { port: server.port, cookie: null };
  const token = fc.oneof(segment, fc.constant(placed.token), fc.constant(encodeURIComponent(placed.token)));
  await fire(context, probeOf(fc.constant("/api/orders"), ["POST"], context), 60);
  await fire(context, probeOf(token.map((t) => `/api/track/${t}`), ["GET"], context), 30);
  await fire(context, probeOf(token.map((t) => `/api/track/${t}/events`), ["GET"], context), 40);
});

test("staff endpoints answer junk without a 5xx, signed in or not", async ({ server, staff, request }) => {
  const placed = await placeOrderViaApi(request);
  for (const cookie of [await sessionCookie(staff), null]) {
    const context: Context = { port: server.port, cookie };
    const orderId = fc.oneof(segment, fc.constant(placed.order.id));
    await fire(context, probeOf(orderId.map((id) => `/api/staff/orders/${id}/transitions`), ["POST"], context), 40);
    await fire(context, probeOf(fc.constant("/api/staff/orders"), ["GET"], context), 20);
    await fire(context, probeOf(fc.constant("/api/staff/events"), ["GET"], context), 20);
  }
  // Junk sign-ins and sign-outs, last and without the fixture's session, which they could end.
  const anonymous: Context = { port: server.port, cookie: null };
  await fire(anonymous, probeOf(fc.constant("/api/staff/session"), ["POST", "DELETE"], anonymous), 30);
});

test("other paths and the pages answer junk without a 5xx", async ({ server }) => {
  const context: Context = { port: server.port, cookie: null };
  const path = fc.oneof(
    fc.constantFrom("/", "/order", "/staff", "/staff/login", "//api/orders", "/api/orders/", "/API/ORDERS", "/api/%6Frders", "/api", "/api/staff", "/api/track"),
    segment.map((s) => `/track/${s}`),
    segment.map((s) => `/api/${s}`),
    fc.tuple(segment, segment).map(([a, b]) => `/api/staff/orders/${a}/transitions/${b}`),
    segment.map((s) => `/${s}`),
  );
  await fire(context, probeOf(path, ["GET"], context), 30);
});
