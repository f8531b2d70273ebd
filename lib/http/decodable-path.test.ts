import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodablePath } from "./decodable-path";

describe("decodablePath", () => {
  it("writes the % of undecodable escapes as %25, so the path means its literal text", () => {
    expect(decodablePath("/track/%ZZ")).toBe("/track/%25ZZ");
    expect(decodablePath("/track/%")).toBe("/track/%25");
    expect(decodablePath("/track/a%")).toBe("/track/a%25");
    expect(decodablePath("/track/%C3%28")).toBe("/track/%25C3%2528");
    expect(decodablePath("/track/%ED%A0%80/events")).toBe("/track/%25ED%25A0%2580/events");
    expect(decodeURIComponent(decodablePath("/api/track/%E0%A4%A/events"))).toBe("/api/track/%E0%A4%A/events");
  });

  it("keeps decodable escapes and the query as they are", () => {
    expect(decodablePath("/track/%C3%A9%ZZ?lastEventId=%ZZ")).toBe("/track/%C3%A9%25ZZ?lastEventId=%ZZ");
  });

  it("returns a path that already decodes unchanged", () => {
    for (const target of ["/", "/track/AbC_-9", "/track/%25ZZ", "/track/%F0%9F%8D%95?x=%", "/api/track/a%2Fb/events"]) {
      expect(decodablePath(target)).toBe(target);
    }
  });

  it("makes any path decodable, changes nothing that decoded, and is idempotent", () => {
    const pathText = fc.stringMatching(/^\/(?:[A-Za-z0-9_./~-]|%[0-9A-Fa-f]{0,2}|%[0-9A-Fa-f]{2}){0,40}$/);
    fc.assert(
      fc.property(pathText, fc.option(fc.string(), { nil: undefined }), (path, query) => {
        const target = query === undefined ? path : `${path}?${query}`;
        const fixed = decodablePath(target);
        const fixedPath = fixed.split("?")[0] ?? "";
        expect(() => decodeURIComponent(fixedPath)).not.toThrow();
        expect(decodablePath(fixed)).toBe(fixed);
        let decoded = true;
        try {
          decodeURIComponent(path);
        } catch {
          decoded = false;
        }
        if (decoded) expect(fixed).toBe(target);
      }),
      { numRuns: 2000 },
    );
  });
});
