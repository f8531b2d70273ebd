/**
 * The public HTTP and SSE contract (README, docs/architecture.md) over real HTTP against the
 * production server: status codes, error bodies, stream framing, resume and the 204 ending.
 */
import { advance, placeOrderViaApi, postTransition, STAFF } from "./fixtures/helpers";
import { dataOf, eventIds, readStream } from "./fixtures/sse";
import { expect, test } from "./fixtures/test";

test.describe("orders", () => {
  test("POST /api/orders answers 201 with the order and its tracking link", async ({ request, baseURL }) => {
    const response = await request.post("/api/orders", {
      data: { customerName: "  Ada ", items: [{ name: "Crème brûlée", quantity: 2 }], note: "Ring twice" },
    });
    expect(response.status()).toBe(201);
    const body = await response.json();
    expect(body.trackingUrl).toMatch(new RegExp(`^${baseURL}/track/[A-Za-z0-9_-]{32}$`));
    expect(body.order).toMatchObject({
      customerName: "Ada",
      items: [{ name: "Crème brûlée", quantity: 2 }],
      note: "Ring twice",
      status: "placed",
      version: 1,
    });
    expect(body.order.timeline).toHaveLength(1);
    expect(body.order.timeline[0]).toMatchObject({ status: "placed", previousStatus: null, version: 1 });
  });

  test("bad bodies get 4xx JSON errors and write nothing", async ({ request }) => {
    const cases = [
      { data: { customerName: "Ada", items: [] }, status: 400, code: "invalid_body" },
      { data: { customerName: "Ada", items: [{ name: "x", quantity: 100 }] }, status: 400, code: "invalid_body" },
      { data: { customerName: "Ada", items: [{ name: "x", quantity: 1 }], admin: true }, status: 400, code: "invalid_body" },
    ];
    for (const { data, status, code } of cases) {
      const response = await request.post("/api/orders", { data });
      expect(response.status(), JSON.stringify(data)).toBe(status);
      expect((await response.json()).error).toMatchObject({ code, message: expect.any(String) });
    }
    const malformed = await request.post("/api/orders", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid_json");
    const form = await request.post("/api/orders", { form: { customerName: "Ada" } });
    expect(form.status()).toBe(415);
    const huge = await request.post("/api/orders", {
      data: { customerName: "Ada", items: [{ name: "x".repeat(70_000), quantity: 1 }] },
    });
    expect(huge.status()).toBe(413);
  });
});

test.describe("tracking", () => {
  test("unknown tokens are 404 for the order, the stream and the page", async ({ request }) => {
    const unknown = "A".repeat(32);
    for (const path of [`/api/track/${unknown}`, `/api/track/${unknown}/events`]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
    expect((await request.get(`/track/${unknown}`)).status()).toBe(404);
  });

  test("customer answers never name staff", async ({ request, staff }) => {
    const placed = await placeOrderViaApi(request);
    const staffView = await advance(staff, placed.order.id, "confirmed", 1);
    expect(staffView.timeline.at(-1)?.actor).toMatchObject({ name: expect.any(String) });
    const body = await (await request.get(`/api/track/${placed.token}`)).json();
    expect(JSON.stringify(body)).not.toContain("actor");
  });

  test("the stream sends retry:, events with increasing ids, and resumes exactly after Last-Event-ID", async ({ request, staff, baseURL }) => {
    const placed = await placeOrderViaApi(request);
    const url = `${baseURL}/api/track/${placed.token}/events`;

    // Without a cursor: the whole history, the order's creation (as the placed status) first.
    const live = readStream(url, {}, (text) => eventIds(text).length >= 4);
    let version = 1;
    for (const to of ["confirmed", "preparing", "ready"] as const) {
      version = (await advance(staff, placed.order.id, to, version)).version;
    }
    const first = await live;
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(first.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(first.headers.get("x-accel-buffering")).toBe("no");
    expect(first.text.startsWith("retry: 2000\n\n")).toBe(true);
    expect(first.text).toContain("event: order.status\n");
    const ids = eventIds(first.text);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(dataOf(first.text).map((d) => [d.status, d.previousStatus])).toEqual([
      ["placed", null],
      ["confirmed", "placed"],
      ["preparing", "confirmed"],
      ["ready", "preparing"],
    ]);
    expect(ids[0]).toBe(placed.order.timeline[0]?.eventId);
    // Last-Event-ID: 0 is the same as no cursor.
    const fromZero = await readStream(url, { "Last-Event-ID": "0" }, (text) => eventIds(text).length >= 4);
    expect(eventIds(fromZero.text)).toEqual(ids);

    // Resume after the second: exactly the two later events, none twice.
    const resumed = await readStream(url, { "Last-Event-ID": String(ids[1]) }, (text) => eventIds(text).length >= 2);
    expect(eventIds(resumed.text)).toEqual(ids.slice(2));
    // The header wins over the query parameter.
    const both = await readStream(`${url}?lastEventId=0`, { "Last-Event-ID": String(ids[2]) }, (text) =>
      eventIds(text).length >= 1,
    );
    expect(eventIds(both.text)).toEqual(ids.slice(3));
    // The query parameter alone serves a first connection.
    const query = await readStream(`${url}?lastEventId=${ids[2]}`, {}, (text) => eventIds(text).length >= 1);
    expect(eventIds(query.text)).toEqual(ids.slice(3));
  });

  test("an idle stream gets keep-alive comments", async ({ request, baseURL }) => {
    const placed = await placeOrderViaApi(request);
    const created = String(placed.order.timeline[0]?.eventId);
    const idle = await readStream(`${baseURL}/api/track/${placed.token}/events`, { "Last-Event-ID": created }, (text) =>
      text.includes(": keep-alive\n\n"),
    );
    expect(idle.text).toBe("retry: 2000\n\n: keep-alive\n\n");
  });

  test("malformed cursors are a 400", async ({ request }) => {
    const placed = await placeOrderViaApi(request);
    for (const bad of ["-1", "1.5", "abc", "1e3", "99999999999999999999999"]) {
      const response = await request.get(`/api/track/${placed.token}/events?lastEventId=${encodeURIComponent(bad)}`);
      expect(response.status(), bad).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_cursor");
    }
  });

  test("a finished order's stream ends after its last event, and a caught-up client gets 204", async ({ request, staff, baseURL }) => {
    const placed = await placeOrderViaApi(request);
    const url = `${baseURL}/api/track/${placed.token}/events`;
    const stream = readStream(url, {}, () => false);
    await advance(staff, placed.order.id, "cancelled", 1);
    const ended = await stream;
    expect(ended.ended).toBe(true);
    const lastId = eventIds(ended.text).at(-1);
    expect(dataOf(ended.text).map((d) => d.status)).toEqual(["placed", "cancelled"]);

    const caughtUp = await fetch(url, { headers: { "Last-Event-ID": String(lastId) } });
    expect(caughtUp.status).toBe(204);
    // A client that missed the last event still gets it.
    const behind = await readStream(url, { "Last-Event-ID": String(lastId! - 1) }, () => false);
    expect(eventIds(behind.text)).toEqual([lastId]);
  });
});

test.describe("staff", () => {
  test("staff endpoints refuse requests without a session", async ({ request }) => {
    const placed = await placeOrderViaApi(request);
    expect((await request.get("/api/staff/orders")).status()).toBe(401);
    expect((await request.get("/api/staff/events")).status()).toBe(401);
    const transition = await postTransition(request, placed.order.id, "confirmed", 1);
    expect(transition.status()).toBe(401);
    expect((await transition.json()).error.code).toBe("unauthorized");
    const bad = await request.post("/api/staff/session", { data: { email: STAFF.email, password: "wrong" } });
    expect(bad.status()).toBe(401);
    const unknown = await request.post("/api/staff/session", { data: { email: "nobody@example.com", password: "x" } });
    expect(unknown.status()).toBe(401);
    expect(await unknown.json()).toEqual(await bad.json());
  });

  test("transitions: 400 malformed, 404 unknown, 409 stale or illegal with the current order", async ({ request, staff }) => {
    const placed = await placeOrderViaApi(request);
    const id = placed.order.id;
    const malformed = await staff.post(`/api/staff/orders/${id}/transitions`, { data: { to: "confirmed" } });
    expect(malformed.status()).toBe(400);
    expect((await postTransition(staff, "no-such-order", "confirmed", 1)).status()).toBe(404);

    await advance(staff, id, "confirmed", 1);
    const stale = await postTransition(staff, id, "preparing", 1);
    expect(stale.status()).toBe(409);
    const staleBody = await stale.json();
    expect(staleBody.error.code).toBe("stale_version");
    expect(staleBody.order).toMatchObject({ id, status: "confirmed", version: 2 });

    const illegal = await postTransition(staff, id, "delivered", 2);
    expect(illegal.status()).toBe(409);
    const illegalBody = await illegal.json();
    expect(illegalBody.error.code).toBe("illegal_transition");
    expect(illegalBody.order).toMatchObject({ status: "confirmed", version: 2 });

    const order = await (await request.get(`/api/track/${placed.token}`)).json();
    expect(order.order.timeline.map((e: { status: string }) => e.status)).toEqual(["placed", "confirmed"]);
  });

  test("the staff stream carries order.created and order.status; logout revokes the session", async ({ request, staff, baseURL }) => {
    const cookies = (await staff.storageState()).cookies;
    const session = cookies.find((cookie) => cookie.name === "tracker_staff");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const cookie = `tracker_staff=${session?.value}`;

    const listed = await (await staff.get("/api/staff/orders")).json();
    const stream = readStream(
      `${baseURL}/api/staff/events?lastEventId=${listed.cursor}`,
      { cookie },
      (text) => eventIds(text).length >= 2,
    );
    const placed = await placeOrderViaApi(request, { customerName: "Linus" });
    await advance(staff, placed.order.id, "confirmed", 1);
    const { text } = await stream;
    expect(text).toContain("event: order.created\n");
    const data = dataOf(text);
    expect(data[0]).toMatchObject({ type: "order.created", customerName: "Linus", status: "placed", actor: null });
    expect(data[1]).toMatchObject({ type: "order.status", status: "confirmed", actor: { name: expect.any(String) } });

    expect((await staff.delete("/api/staff/session")).status()).toBe(204);
    const after = await fetch(`${baseURL}/api/staff/orders`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });
});
