/**
 * Operations: GET /api/health and GET /api/metrics on the production server, with the streams and
 * the status change served as hot paths (server.ts): the numbers must move for those.
 */
import type { APIRequestContext } from "@playwright/test";
import { parseExposition, sample, type Scrape } from "../test/support/exposition";
import { advance, loginAsStaff, placeOrderViaApi, tracking } from "./fixtures/helpers";
import { AppServer } from "./fixtures/server";
import { readStream } from "./fixtures/sse";
import { expect, test } from "./fixtures/test";

async function scrape(request: APIRequestContext, headers: Record<string, string> = {}): Promise<Scrape> {
  const response = await request.get("/api/metrics", { headers });
  expect(response.status(), await response.text()).toBe(200);
  return parseExposition(await response.text());
}

test("metrics count the streams open in Chromium, the events written and the deliveries to each", async ({
  page,
  browser,
  request,
  server,
  staff,
}) => {
  const before = await scrape(request);
  expect(sample(before, 'tracker_open_streams{kind="customer"}')).toBe(0);
  expect(sample(before, 'tracker_open_streams{kind="staff"}')).toBe(0);

  const placed = await placeOrderViaApi(request);
  await page.goto(placed.trackingPath);
  await expect(tracking(page).badge).toHaveAttribute("data-state", "live");
  const staffContext = await browser.newContext({ baseURL: server.baseURL });
  try {
    await loginAsStaff(await staffContext.newPage());
    await expect
      .poll(async () => {
        const now = await scrape(request);
        return [
          sample(now, 'tracker_open_streams{kind="customer"}'),
          sample(now, 'tracker_open_streams{kind="staff"}'),
          // Running: the hub has its position, so the changes below reach both streams live.
          sample(now, "tracker_hub_running"),
        ];
      })
      .toEqual([1, 1, 1]);

    await advance(staff, placed.order.id, "confirmed", 1);
    await advance(staff, placed.order.id, "preparing", 2);
    await expect(tracking(page).currentStatus).toHaveText(/preparing/i);

    const delta = (now: Scrape, key: string) => sample(now, key) - (before.get(key) ?? 0);
    await expect
      .poll(async () => {
        const now = await scrape(request);
        return {
          created: delta(now, 'tracker_events_written_total{type="order.created"}'),
          status: delta(now, 'tracker_events_written_total{type="order.status"}'),
          toCustomers: delta(now, 'tracker_events_delivered_total{kind="customer"}'),
          toStaff: delta(now, 'tracker_events_delivered_total{kind="staff"}'),
          fannedOut: delta(now, "tracker_hub_lag_seconds_count"),
          behind: sample(now, "tracker_hub_behind_events"),
        };
      })
      .toEqual({ created: 1, status: 2, toCustomers: 2, toStaff: 2, fannedOut: 2, behind: 0 });

    const after = await scrape(request);
    expect(delta(after, 'tracker_streams_opened_total{kind="customer"}')).toBeGreaterThanOrEqual(1);
    expect(delta(after, 'tracker_streams_opened_total{kind="staff"}')).toBeGreaterThanOrEqual(1);
    // Node's own process metrics come with them.
    expect(after.has("process_resident_memory_bytes")).toBe(true);
  } finally {
    await staffContext.close();
  }
  await page.close();
  await expect
    .poll(async () => {
      const now = await scrape(request);
      return [sample(now, 'tracker_open_streams{kind="customer"}'), sample(now, 'tracker_open_streams{kind="staff"}')];
    })
    .toEqual([0, 0]);
});

test("metrics are Prometheus text, never cached, and open to all without a token", async ({ request }) => {
  const response = await request.get("/api/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(response.headers()["cache-control"]).toBe("no-store");
  const text = await response.text();
  expect(text).toContain("# TYPE tracker_open_streams gauge");
  expect(text).toContain("# TYPE tracker_events_written_total counter");
  expect(text).toContain("# TYPE tracker_hub_lag_seconds histogram");
});

test("health is ok with both checks, never cached, and names nothing secret", async ({ request, server }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
  expect(body).toMatchObject({ status: "ok", checks: { database: { status: "ok" }, hub: { status: "ok", state: "idle" } } });
  const text = JSON.stringify(body);
  expect(text).not.toContain(server.databaseUrl);
  expect(text).not.toMatch(/postgres|sqlite|file:|version/i);

  // With a stream open the hub runs, and says how far behind the log it is.
  const placed = await placeOrderViaApi(request);
  const stream = readStream(`${server.baseURL}/api/track/${placed.token}/events`, {}, () => false, 4000);
  await expect
    .poll(async () => ((await (await request.get("/api/health")).json()) as { checks: { hub: unknown } }).checks.hub)
    .toMatchObject({ status: "ok", state: "running", streams: 1, behind: 0 });
  await stream;
});

test("with TRACKER_METRICS_TOKEN set, metrics need that bearer token", async ({ playwright, database }) => {
  const token = "e2e metrics token, long enough to guess at never";
  const server = await AppServer.launch("A", database, { TRACKER_METRICS_TOKEN: token, TRACKER_MAX_STREAMS_PER_TOKEN: "1" });
  const request = await playwright.request.newContext({ baseURL: server.baseURL });
  try {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: `Basic ${Buffer.from(token).toString("base64")}` },
    ];
    for (const headers of attempts) {
      const refused = await request.get("/api/metrics", { headers });
      expect(refused.status()).toBe(401);
      expect(refused.headers()["www-authenticate"]).toBe('Bearer realm="metrics"');
      expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
      expect(await refused.text()).not.toContain("tracker_");
    }
    // Health stays open: a load balancer has no token to send.
    expect((await request.get("/api/health")).status()).toBe(200);

    const bearer = { authorization: `Bearer ${token}` };
    const before = await scrape(request, bearer);
    // A second stream of the same link is past its cap: the refusal is counted.
    const placed = await placeOrderViaApi(request);
    const first = readStream(`${server.baseURL}/api/track/${placed.token}/events`, {}, () => false, 4000);
    await expect.poll(async () => sample(await scrape(request, bearer), 'tracker_open_streams{kind="customer"}')).toBe(1);
    const second = await readStream(`${server.baseURL}/api/track/${placed.token}/events`, {}, () => true);
    expect(second.status).toBe(429);
    const after = await scrape(request, bearer);
    const key = 'tracker_stream_refusals_total{reason="token"}';
    expect(sample(after, key) - sample(before, key)).toBe(1);
    await first;
  } finally {
    await request.dispose();
    await server.dispose();
  }
});
