import { describe, expect, it } from "vitest";
import { mayScrape } from "./access";

const TOKEN = "s3cret-scrape-token";

describe("mayScrape", () => {
  it("lets anyone scrape when no token is set", () => {
    expect(mayScrape(null, null)).toBe(true);
    expect(mayScrape("Bearer whatever", null)).toBe(true);
  });

  it("takes exactly the configured bearer token", () => {
    expect(mayScrape(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    // The scheme is case-insensitive (RFC 9110 §11.1).
    expect(mayScrape(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(mayScrape("Bearer two words", "two words")).toBe(true);
  });

  it("refuses a missing, wrong, partial or differently sent token", () => {
    for (const header of [
      null,
      "",
      "Bearer",
      "Bearer ",
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Basic ${Buffer.from(`metrics:${TOKEN}`).toString("base64")}`,
      TOKEN,
      `Token ${TOKEN}`,
      `Bearer ${TOKEN} extra`,
      `Bearer  ${TOKEN}`,
    ]) {
      expect(mayScrape(header, TOKEN), String(header)).toBe(false);
    }
  });
});
