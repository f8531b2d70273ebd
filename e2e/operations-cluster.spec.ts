/**
 * Metrics behind `npm run start:cluster`: each instance reports its own numbers and says which it
 * is, and an event written on one instance counts as written there and as delivered on the
 * instance whose stream received it (through LISTEN/NOTIFY). PostgreSQL project only.
 */
import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { parseExposition, sample, type Scrape } from "../test/support/exposition";
import { Cluster } from "./fixtures/cluster";
import { advance, placeOrderViaApi, staffApi } from "./fixtures/helpers";
import { readStream } from "./fixtures/sse";

const test = base.extend<{ cluster: Cluster }>({
  cluster: async ({}, provide, testInfo) => {
    const cluster = await Cluster.launch(2);
    try {
      await provide(cluster);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach("cluster.log", { body: cluster.logText(), contentType: "text/plain" });
      }
      await cluster.dispose();
    }
  },
  baseURL: async ({ cluster }, provide) => {
    await provide(cluster.url);
  },
});

// A cluster's start-up on a 2-core machine needs room.
test.describe.configure({ timeout: 180_000 });

async function scrapeInstance(request: APIRequestContext, url: string): Promise<{ instance: string | undefined; scrape: Scrape }> {
  const response = await request.get(`${url}/api/metrics`);
  expect(response.status()).toBe(200);
  return { instance: response.headers()["x-tracker-instance"], scrape: parseExposition(await response.text()) };
}

test("each instance reports its own streams and writes, and names itself", async ({ cluster, request, playwright }) => {
  const one = cluster.instance("app-1");
  const two = cluster.instance("app-2");
  const placed = await placeOrderViaApi(request);
  const written = 'tracker_events_written_total{type="order.status"}';
  const toCustomers = 'tracker_events_delivered_total{kind="customer"}';
  const openCustomers = 'tracker_open_streams{kind="customer"}';
  const before = { one: (await scrapeInstance(request, one.url)).scrape, two: (await scrapeInstance(request, two.url)).scrape };

  // The customer's stream is held by app-1; the change is made on app-2.
  const cursor = placed.order.timeline.at(-1)?.eventId ?? 0;
  const stream = readStream(
    `${one.url}/api/track/${placed.token}/events?lastEventId=${cursor}`,
    {},
    (text) => text.includes('"status":"confirmed"'),
    30_000,
  );
  // Running: the hub has its position, so the change below reaches the stream live, not by replay.
  await expect
    .poll(async () => {
      const { scrape } = await scrapeInstance(request, one.url);
      return [sample(scrape, openCustomers), sample(scrape, "tracker_hub_running")];
    })
    .toEqual([1, 1]);
  const staffOnTwo = await staffApi(playwright.request, two.url);
  try {
    await advance(staffOnTwo, placed.order.id, "confirmed", 1);
  } finally {
    await staffOnTwo.dispose();
  }
  expect((await stream).text).toContain('"status":"confirmed"');

  const after1 = await scrapeInstance(request, one.url);
  const after2 = await scrapeInstance(request, two.url);
  expect([after1.instance, after2.instance]).toEqual(["app-1", "app-2"]);
  expect(sample(after2.scrape, written) - sample(before.two, written)).toBe(1);
  expect(sample(after1.scrape, written) - sample(before.one, written)).toBe(0);
  expect(sample(after1.scrape, toCustomers) - sample(before.one, toCustomers)).toBe(1);
  expect(sample(after2.scrape, toCustomers) - sample(before.two, toCustomers)).toBe(0);
  expect(sample(after2.scrape, openCustomers)).toBe(0);

  // Health through the proxy answers for whichever instance nginx picked, and says which.
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(["app-1", "app-2"]).toContain(health.headers()["x-tracker-instance"]);
});
