/**
 * The JSON poll of both event paths over real HTTP (`GET <stream path>?after=N`), as the
 * production server answers it (below Next, like the streams): the same events as the stream,
 * with the stream's own payloads, and the same 404 for a token that opens nothing.
 */
import type { APIResponse } from "@playwright/test";
import { advance, placeOrderViaApi } from "./fixtures/helpers";
import { dataOf, eventIds, readStream } from "./fixtures/sse";
import { expect, test } from "./fixtures/test";

interface Poll {
  events: { id: number; event: string; data: Record<string, unknown> }[];
  cursor: number;
  finished: boolean;
}

async function poll(response: APIResponse): Promise<Poll> {
  expect(response.status(), await response.text()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["cache-control"]).toBe("no-store");
  return (await response.json()) as Poll;
}

function withoutDate(response: APIResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name !== "date"));
}

test("the tracking poll answers the stream's events after the cursor, then says when the order is finished", async ({
  request,
  staff,
  baseURL,
}) => {
  const placed = await placeOrderViaApi(request);
  await advance(staff, placed.order.id, "confirmed", 1);
  await advance(staff, placed.order.id, "preparing", 2);
  const path = `/api/track/${placed.token}/events`;

  const all = await poll(await request.get(`${path}?after=0`));
  const streamed = await readStream(`${baseURL}${path}?lastEventId=0`, {}, (text) => eventIds(text).length >= 3);
  expect(all.events.map((e) => e.id)).toEqual(eventIds(streamed.text));
  expect(all.events.map((e) => e.data)).toEqual(dataOf(streamed.text));
  expect(all.events.map((e) => [e.event, e.data.status])).toEqual([
    ["order.status", "placed"],
    ["order.status", "confirmed"],
    ["order.status", "preparing"],
  ]);
  expect(all.cursor).toBe(all.events.at(-1)?.id);
  expect(all.finished).toBe(false);

  expect(await poll(await request.get(`${path}?after=${all.cursor}`))).toEqual({ events: [], cursor: all.cursor, finished: false });

  await advance(staff, placed.order.id, "cancelled", 3);
  const last = await poll(await request.get(`${path}?after=${all.cursor}`));
  expect(last.events.map((e) => e.data.status)).toEqual(["cancelled"]);
  expect(last.finished).toBe(true);
  const after = last.cursor;
  expect(await poll(await request.get(`${path}?after=${after}`))).toEqual({ events: [], cursor: after, finished: true });
});

test("the tracking poll refuses a bad cursor, and answers an unknown token exactly as the stream does", async ({ request }) => {
  const placed = await placeOrderViaApi(request);
  const path = `/api/track/${placed.token}/events`;
  for (const query of ["?after=abc", "?after=-1", "?after=", "?after=1&after=2", "?after=1&lastEventId=1"]) {
    const response = await request.get(`${path}${query}`);
    expect(response.status(), query).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_cursor");
  }
  const withHeader = await request.get(`${path}?after=1`, { headers: { "Last-Event-ID": "1" } });
  expect(withHeader.status()).toBe(400);

  const unknown = "/api/track/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/events";
  const polled = await request.get(`${unknown}?after=0`);
  const streamed = await request.get(unknown);
  expect(polled.status()).toBe(404);
  expect(streamed.status()).toBe(404);
  expect(await polled.text()).toBe(await streamed.text());
  expect(withoutDate(polled)).toEqual(withoutDate(streamed));
});

test("the staff poll needs a session and answers every event with the staff payloads", async ({ request, staff }) => {
  const refused = await request.get("/api/staff/events?after=0");
  expect(refused.status()).toBe(401);

  const start = (await poll(await staff.get("/api/staff/events?after=0"))).cursor;
  const placed = await placeOrderViaApi(request, { customerName: "Polly Staff" });
  await advance(staff, placed.order.id, "confirmed", 1);
  const answer = await poll(await staff.get(`/api/staff/events?after=${start}`));
  expect(answer.events.map((e) => [e.event, e.data.orderId, e.data.status])).toEqual([
    ["order.created", placed.order.id, "placed"],
    ["order.status", placed.order.id, "confirmed"],
  ]);
  expect(answer.events[0]?.data.customerName).toBe("Polly Staff");
  expect(answer.cursor).toBe(answer.events.at(-1)?.id);
  expect((await staff.get("/api/staff/events?after=x")).status()).toBe(400);
});
