import { describe, expect, it } from "vitest";
import { isHttps } from "./https";

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("isHttps", () => {
  it("believes the first X-Forwarded-Proto, as a TLS-terminating proxy sets it", () => {
    expect(isHttps(request("http://app:3000/", { "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps(request("http://app:3000/", { "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(isHttps(request("https://app/", { "x-forwarded-proto": "http" }))).toBe(false);
  });

  it("otherwise goes by the URL's scheme", () => {
    expect(isHttps(request("https://app/"))).toBe(true);
    expect(isHttps(request("http://app/"))).toBe(false);
  });
});
