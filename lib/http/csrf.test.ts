import { afterEach, describe, expect, it, vi } from "vitest";
import { crossSiteReason, refuseCrossSite } from "./csrf";

function request(headers: Record<string, string>, url = "http://shop.example:3000/api/orders"): Request {
  return new Request(url, { method: "POST", headers });
}

afterEach(() => vi.unstubAllEnvs());

describe("the cross-site check", () => {
  it("lets same-origin browser requests and non-browser clients through", () => {
    expect(crossSiteReason(request({ "sec-fetch-site": "same-origin", origin: "http://shop.example:3000" }))).toBeNull();
    expect(crossSiteReason(request({ origin: "http://shop.example:3000" }))).toBeNull();
    expect(crossSiteReason(request({}))).toBeNull();
    expect(crossSiteReason(request({ "sec-fetch-site": "none" }))).toBeNull();
  });

  it("refuses what a page on another site makes the browser send", () => {
    expect(crossSiteReason(request({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }))).toMatch(/cross-site/);
    expect(crossSiteReason(request({ "sec-fetch-site": "same-site", origin: "http://evil.shop.example:3000" }))).toMatch(/same-site/);
    // Browsers that predate Sec-Fetch-Site still send Origin.
    expect(crossSiteReason(request({ origin: "https://evil.example" }))).toMatch(/Origin/);
    expect(crossSiteReason(request({ origin: "null" }))).toMatch(/Origin/);
    expect(crossSiteReason(request({ origin: "http://shop.example:3001" }))).toMatch(/Origin/);
  });

  it("knows its own origin behind a TLS-terminating proxy and from TRACKER_PUBLIC_URL", () => {
    expect(crossSiteReason(request({ origin: "https://shop.example:3000", "x-forwarded-proto": "https" }))).toBeNull();
    vi.stubEnv("TRACKER_PUBLIC_URL", "https://orders.shop.example/");
    expect(crossSiteReason(request({ origin: "https://orders.shop.example" }))).toBeNull();
  });

  it("answers 403 with a JSON error", async () => {
    const response = refuseCrossSite(request({ "sec-fetch-site": "cross-site" }));
    expect(response?.status).toBe(403);
    expect(await response?.json()).toMatchObject({ error: { code: "cross_site" } });
  });
});
