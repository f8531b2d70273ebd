import { describe, expect, it } from "vitest";
import { compileRoutePath } from "./route-path";

describe("compileRoutePath", () => {
  const track = compileRoutePath("/api/track/[token]/events");
  const staff = compileRoutePath("/api/staff/events");

  it("matches the path alone, whatever the query, and decodes its parameters", () => {
    expect(track("/api/track/abc/events")).toEqual({ token: "abc" });
    expect(track("/api/track/abc/events?lastEventId=4")).toEqual({ token: "abc" });
    expect(track("/api/track/a%20b/events")).toEqual({ token: "a b" });
    expect(staff("/api/staff/events?after=3")).toEqual({});
  });

  it("does not match other paths", () => {
    for (const target of ["/api/track//events", "/api/track/abc/events/", "/api/track/abc", "/api/track/a/b/events", "/api/staff/events/x", "/api/staff", "/api/track/%ZZ/events"]) {
      expect(track(target) ?? staff(target), target).toBeNull();
    }
  });
});
