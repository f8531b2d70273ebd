import { describe, expect, it } from "vitest";
import { StreamLimiter } from "./stream-limits";

describe("StreamLimiter", () => {
  it("grants up to each cap, refuses past it, and frees a slot once per lease", () => {
    const limiter = new StreamLimiter(() => ({ perAddress: 3, perOrder: 2 }));
    const a = limiter.acquire("10.0.0.1", "order-1");
    const b = limiter.acquire("10.0.0.1", "order-1");
    expect(limiter.acquire("10.0.0.2", "order-1")).toEqual({ ok: false, limit: "token" });
    const c = limiter.acquire("10.0.0.1", "order-2");
    expect(limiter.acquire("10.0.0.1")).toEqual({ ok: false, limit: "address" });
    if (!a.ok || !b.ok || !c.ok) throw new Error("expected three leases");
    a.lease.release();
    a.lease.release();
    expect(limiter.count("a:10.0.0.1")).toBe(2);
    expect(limiter.count("o:order-1")).toBe(1);
    const d = limiter.acquire("10.0.0.1", "order-1");
    expect(d.ok).toBe(true);
    for (const granted of [b, c, d]) if (granted.ok) granted.lease.release();
    expect(limiter.size()).toBe(0);
  });

  it("counts nothing for a cap of 0", () => {
    const limiter = new StreamLimiter(() => ({ perAddress: 0, perOrder: 0 }));
    for (let i = 0; i < 1000; i++) expect(limiter.acquire("127.0.0.1", "order-1").ok).toBe(true);
    expect(limiter.size()).toBe(0);
  });
});
