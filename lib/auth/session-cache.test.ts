import { describe, expect, it } from "vitest";
import { DEFAULT_RECHECK_MS, SessionCache, recheckMsFromEnv } from "./session-cache";

const chef = { id: "u1", email: "chef@example.com", name: "Chef", role: "owner" as const };
const porter = { id: "u2", email: "porter@example.com", name: "Porter", role: "staff" as const };
const FAR = Number.MAX_SAFE_INTEGER;

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("SessionCache", () => {
  it("vouches for a verified cookie until recheckMs has passed, then forgets it", () => {
    const time = clock();
    const cache = new SessionCache({ recheckMs: 5_000, now: time.now });
    expect(cache.get("a")).toBeUndefined();
    cache.remember("a", chef, FAR);
    time.advance(4_999);
    expect(cache.get("a")).toEqual(chef);
    time.advance(1);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("never vouches past the session's own expiry", () => {
    const time = clock();
    const cache = new SessionCache({ recheckMs: 5_000, now: time.now });
    cache.remember("a", chef, time.now() + 1_000);
    time.advance(999);
    expect(cache.get("a")).toEqual(chef);
    time.advance(1);
    expect(cache.get("a")).toBeUndefined();
  });

  it("forgets one cookie (a logout) or every cookie of one user (a password change) at once", () => {
    const cache = new SessionCache({ now: clock().now });
    cache.remember("a", chef, FAR);
    cache.remember("b", chef, FAR);
    cache.remember("c", porter, FAR);
    cache.forgetCookie("a");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toEqual(chef);
    cache.forgetIdentity(chef.id);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("c")).toEqual(porter);
  });

  it("keeps at most maxEntries, dropping the least recently verified", () => {
    const cache = new SessionCache({ maxEntries: 2, now: clock().now });
    cache.remember("a", chef, FAR);
    cache.remember("b", chef, FAR);
    cache.remember("a", chef, FAR);
    cache.remember("c", porter, FAR);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual(chef);
    expect(cache.get("c")).toEqual(porter);
  });

  it("with recheckMs 0 keeps nothing: every request is checked against the database", () => {
    const cache = new SessionCache({ recheckMs: 0, now: clock().now });
    cache.remember("a", chef, FAR);
    expect(cache.get("a")).toBeUndefined();
  });
});

describe("STAFF_SESSION_RECHECK_MS", () => {
  it("defaults to 5 s and takes 0 to 60000 ms", () => {
    expect(recheckMsFromEnv(undefined)).toBe(DEFAULT_RECHECK_MS);
    expect(recheckMsFromEnv(" ")).toBe(DEFAULT_RECHECK_MS);
    expect(recheckMsFromEnv("0")).toBe(0);
    expect(recheckMsFromEnv("60000")).toBe(60_000);
  });

  it("refuses what is not a whole number of milliseconds in range, naming the variable", () => {
    for (const raw of ["-1", "1.5", "60001", "5s", "NaN"]) {
      expect(() => recheckMsFromEnv(raw)).toThrow(/STAFF_SESSION_RECHECK_MS/);
    }
  });
});
