import { describe, expect, it } from "vitest";
import { crossSiteReason, STATE_CHANGING_METHODS } from "./csrf";

const own = new Set(["http://shop.example:3000", "https://orders.shop.example"]);
const check = (site: string | null, origin: string | null) => crossSiteReason({ site, origin }, own);

describe("the cross-site check", () => {
  it("lets same-origin browser requests and non-browser clients through", () => {
    expect(check("same-origin", "http://shop.example:3000")).toBeNull();
    expect(check(null, "http://shop.example:3000")).toBeNull();
    expect(check(null, null)).toBeNull();
    expect(check("none", null)).toBeNull();
    // TRACKER_PUBLIC_URL's origin is this site too.
    expect(check("same-origin", "https://orders.shop.example")).toBeNull();
  });

  it("refuses what a page on another site makes the browser send", () => {
    expect(check("cross-site", "https://evil.example")).toMatch(/cross-site/);
    expect(check("same-site", "http://evil.shop.example:3000")).toMatch(/same-site/);
    // Browsers that predate Sec-Fetch-Site still send Origin.
    expect(check(null, "https://evil.example")).toMatch(/Origin/);
    expect(check(null, "null")).toMatch(/Origin/);
    expect(check(null, "http://shop.example:3001")).toMatch(/Origin/);
  });

  it("has no own origin to match when the request has none", () => {
    expect(crossSiteReason({ site: null, origin: "http://shop.example:3000" }, new Set())).toMatch(/Origin/);
  });

  it("applies to every method that can change something, and to no other", () => {
    expect([...STATE_CHANGING_METHODS].sort()).toEqual(["DELETE", "PATCH", "POST", "PUT"]);
  });
});
