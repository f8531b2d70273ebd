import { describe, expect, it } from "vitest";
import { API_SECURITY_HEADERS, createNonce, pageContentSecurityPolicy, pageSecurityHeaders, type PageContext } from "./security-headers";

const page = (overrides: Partial<PageContext> = {}): PageContext => ({
  pathname: "/order",
  nonce: "bm9uY2Utb2YtdGhlLXRlc3Q=",
  https: false,
  dev: false,
  ...overrides,
});

/** The policy's directives by name, each with its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = Array.from({ length: 50 }, createNonce);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    // Next extracts the nonce with this pattern; one it cannot read leaves every script unstamped.
    for (const nonce of nonces) expect(`'nonce-${nonce}'`).toMatch(/^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe("a page's Content-Security-Policy", () => {
  it("runs only scripts carrying this request's nonce, and what they load", () => {
    const policy = directives(pageContentSecurityPolicy(page()));
    expect(policy.get("script-src")).toEqual(["'nonce-bm9uY2Utb2YtdGhlLXRlc3Q='", "'strict-dynamic'"]);
  });

  it("allows no inline style attribute and no unstamped <style> in production", () => {
    expect(directives(pageContentSecurityPolicy(page())).get("style-src")).toEqual(["'self'", "'nonce-bm9uY2Utb2YtdGhlLXRlc3Q='"]);
  });

  it("locks down plugins, <base>, form targets, framing, and talks only to its own origin", () => {
    const policy = directives(pageContentSecurityPolicy(page()));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows eval and inline styles only under next dev", () => {
    const production = pageContentSecurityPolicy(page());
    expect(production).not.toContain("unsafe");
    const dev = directives(pageContentSecurityPolicy(page({ dev: true })));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("upgrades insecure requests only when the page came over HTTPS", () => {
    expect(directives(pageContentSecurityPolicy(page())).has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pageContentSecurityPolicy(page({ https: true }))).has("upgrade-insecure-requests")).toBe(true);
  });
});

describe("pageSecurityHeaders", () => {
  it("sends the policy, nosniff, no framing, and a referrer policy that keeps paths on our origin", () => {
    const headers = pageSecurityHeaders(page());
    expect(headers["Content-Security-Policy"]).toBe(pageContentSecurityPolicy(page()));
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers).not.toHaveProperty("X-Robots-Tag");
  });

  it("keeps tracking pages, whose path holds the order's secret, out of Referer headers and search engines", () => {
    const headers = pageSecurityHeaders(page({ pathname: "/track/AbC123" }));
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
    expect(headers["X-Robots-Tag"]).toBe("noindex, nofollow");
    expect(pageSecurityHeaders(page({ pathname: "/trackers" }))["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("sends Strict-Transport-Security only over HTTPS", () => {
    expect(pageSecurityHeaders(page())).not.toHaveProperty("Strict-Transport-Security");
    expect(pageSecurityHeaders(page({ https: true }))["Strict-Transport-Security"]).toBe("max-age=31536000");
  });
});

describe("API_SECURITY_HEADERS", () => {
  it("let a JSON or event-stream answer run, load and frame nothing, and keep it out of Referer and indexes", () => {
    expect(API_SECURITY_HEADERS).toEqual({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex, nofollow",
      "Cross-Origin-Resource-Policy": "same-origin",
    });
    expect(Object.isFrozen(API_SECURITY_HEADERS)).toBe(true);
  });
});
