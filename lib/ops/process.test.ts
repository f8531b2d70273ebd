/**
 * The process wiring behind the two routes: this process's database, hub and shutdown state
 * (health), and its counters (metrics), through the route handlers themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { useFreshDatabase } from "@/test/support/databases";
import { refuseStreamWhileShuttingDown } from "@/lib/api/event-streams";
import { shutDownStreams } from "@/lib/server/shutdown";
import { processStreamCounters } from "@/lib/sse/counters";
import { parseExposition, sample } from "@/test/support/exposition";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
});
afterAll(() => cleanup());

const scrape = (headers: Record<string, string> = {}) => metrics(new Request("http://localhost/api/metrics", { headers }));

describe("GET /api/metrics", () => {
  it("shows this process's counters", async () => {
    processStreamCounters().opened.staff += 3;
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const scraped = parseExposition(await response.text());
    expect(sample(scraped, 'tracker_streams_opened_total{kind="staff"}')).toBe(processStreamCounters().opened.staff);
    expect(sample(scraped, 'tracker_open_streams{kind="staff"}')).toBe(0);
  });

  it("wants the bearer token once one is set", async () => {
    process.env.TRACKER_METRICS_TOKEN = "unit-test-token";
    try {
      expect((await scrape()).status).toBe(401);
      expect((await scrape({ authorization: "Bearer unit-test-toke" })).status).toBe(401);
      expect((await scrape({ authorization: "Bearer unit-test-token" })).status).toBe(200);
    } finally {
      delete process.env.TRACKER_METRICS_TOKEN;
    }
  });
});

// Last: shutting down cannot be undone in a process.
describe("GET /api/health", () => {
  it("answers 200 while serving, and 503 shutting_down (refusing and counting new streams) once the process shuts down", async () => {
    const serving = await health();
    expect(serving.status).toBe(200);
    expect(serving.headers.get("cache-control")).toBe("no-store");
    expect(await serving.json()).toMatchObject({ status: "ok", checks: { database: { status: "ok" }, hub: { status: "ok", state: "idle" } } });

    shutDownStreams();
    const closing = await health();
    expect(closing.status).toBe(503);
    expect(await closing.json()).toMatchObject({ status: "shutting_down", checks: { hub: { status: "fail", reason: "shutting_down" } } });

    // A stream that arrives now is refused with 503, and counted.
    const key = 'tracker_stream_refusals_total{reason="shutting_down"}';
    const before = sample(parseExposition(await (await scrape()).text()), key);
    expect(refuseStreamWhileShuttingDown()?.status).toBe(503);
    expect(sample(parseExposition(await (await scrape()).text()), key)).toBe(before + 1);
  });
});
