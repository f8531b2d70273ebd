import { afterEach, describe, expect, it, vi } from "vitest";
import { ORIGIN_HEADER } from "./edge-headers";
import { isHttps, publicBaseUrl, requestOrigin, resolveOrigin, type OriginSources } from "./request-origin";

const direct = (host: string | undefined, extra: Partial<OriginSources> = {}): string | null =>
  resolveOrigin({ host, encrypted: false, forwardedHost: undefined, forwardedProto: undefined, trustedProxies: 0, ...extra });

afterEach(() => vi.unstubAllEnvs());

describe("resolveOrigin", () => {
  it("is the Host the client used, at any address of the machine", () => {
    expect(direct("localhost:3000")).toBe("http://localhost:3000");
    expect(direct("127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(direct("192.168.1.20:3000")).toBe("http://192.168.1.20:3000");
    expect(direct("[::1]:3000")).toBe("http://[::1]:3000");
    expect(direct("Shop.Example")).toBe("http://shop.example");
    expect(direct("shop.example", { encrypted: true })).toBe("https://shop.example");
  });

  it("is null for a Host no origin can hold", () => {
    for (const junk of [undefined, "", "a b", "x:99999", "evil.example/path", "user@evil.example", "a?b", "a#b"]) {
      expect(direct(junk), String(junk)).toBeNull();
    }
  });

  it("believes forwarded host and scheme only from trusted proxies, taking the nearest proxy's", () => {
    const forwarded = { forwardedHost: "orders.shop.example", forwardedProto: "https" };
    expect(direct("127.0.0.1:3001", forwarded)).toBe("http://127.0.0.1:3001");
    expect(direct("127.0.0.1:3001", { ...forwarded, trustedProxies: 1 })).toBe("https://orders.shop.example");
    expect(direct("127.0.0.1:3001", { forwardedHost: "evil.example, orders.shop.example", forwardedProto: "http, https", trustedProxies: 1 })).toBe(
      "https://orders.shop.example",
    );
    // nginx passes the client's Host on and sets only the scheme.
    expect(direct("orders.shop.example", { forwardedProto: "https", trustedProxies: 1 })).toBe("https://orders.shop.example");
    expect(direct("orders.shop.example", { forwardedProto: "gopher", trustedProxies: 1 })).toBe("http://orders.shop.example");
  });
});

describe("what handlers read", () => {
  const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

  it("reads the edge's stamp, else the request URL", () => {
    expect(requestOrigin(request("http://localhost:3000/api/orders", { [ORIGIN_HEADER]: "http://192.168.1.20:3000" }))).toBe("http://192.168.1.20:3000");
    expect(requestOrigin(request("http://localhost:3000/api/orders"))).toBe("http://localhost:3000");
    expect(isHttps(request("http://localhost/", { [ORIGIN_HEADER]: "https://orders.shop.example" }))).toBe(true);
    expect(isHttps(request("http://localhost/", { "x-forwarded-proto": "https" }))).toBe(false);
  });

  it("makes links from TRACKER_PUBLIC_URL when set, else from the client's origin", () => {
    const stamped = request("http://localhost:3000/api/orders", { [ORIGIN_HEADER]: "http://127.0.0.1:3000" });
    expect(publicBaseUrl(stamped)).toBe("http://127.0.0.1:3000");
    vi.stubEnv("TRACKER_PUBLIC_URL", "https://orders.shop.example/");
    expect(publicBaseUrl(stamped)).toBe("https://orders.shop.example");
  });
});
