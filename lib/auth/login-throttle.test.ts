import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { createLoginThrottle, delayForAttempt, type LoginGate, type LoginThrottleOptions } from "./login-throttle";
import { signIn } from "./sign-in";
import { upsertStaffUser } from "./staff";

const options: LoginThrottleOptions = { perAccount: 5, perAddress: 8, windowSeconds: 60, freeFailures: 2, firstDelayMs: 1, maxDelayMs: 4 };

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  await upsertStaffUser(db(), { email: "chef@example.com", name: "Chef", password: "s3cret-pass" });
});
afterAll(() => cleanup());
beforeEach(async () => {
  await db().loginAttempt.deleteMany();
});

function summary(gate: LoginGate) {
  return gate.allowed ? { allowed: true, delayMs: gate.delayMs } : { allowed: false };
}

describe("delayForAttempt", () => {
  it("costs nothing for the free attempts, then doubles up to the cap", () => {
    const config = { ...options, firstDelayMs: 250, maxDelayMs: 4000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => delayForAttempt(n, config))).toEqual([0, 0, 250, 500, 1000, 2000, 4000, 4000, 4000]);
  });
});

describe("the login throttle", () => {
  it("slows and then refuses one account tried from many addresses, with a Retry-After inside the window", async () => {
    const gate = createLoginThrottle(options);
    const results = [];
    for (let i = 1; i <= 7; i++) results.push(await gate("chef@example.com", `10.0.0.${i}`));
    expect(results.map(summary)).toEqual([
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 1 },
      { allowed: true, delayMs: 2 },
      { allowed: true, delayMs: 4 },
      { allowed: false },
      { allowed: false },
    ]);
    const refused = results[5];
    expect(refused?.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused?.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await gate("someone-else@example.com", "10.0.0.99")).allowed).toBe(true);
  });

  it("refuses one address trying many accounts", async () => {
    const gate = createLoginThrottle(options);
    const allowed = [];
    for (let i = 0; i < 10; i++) allowed.push((await gate(`guess${i}@example.com`, "192.0.2.7")).allowed);
    expect(allowed).toEqual([true, true, true, true, true, true, true, true, false, false]);
    expect((await gate("guess0@example.com", "192.0.2.8")).allowed).toBe(true);
  });

  it("answers an unknown email exactly as a known one", async () => {
    const gate = createLoginThrottle(options);
    const known = [];
    const unknown = [];
    for (let i = 0; i < 7; i++) {
      known.push(summary(await gate("chef@example.com", "198.51.100.1")));
      unknown.push(summary(await gate("nobody@example.com", "198.51.100.2")));
    }
    expect(unknown).toEqual(known);
  });

  it("counts a burst of parallel guesses as it arrives", async () => {
    const gate = createLoginThrottle({ ...options, perAddress: 100 });
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => gate("chef@example.com", `203.0.113.${i}`)));
    expect(burst.filter((result) => result.allowed)).toHaveLength(options.perAccount);
  });

  it("forgets an account's failures after a correct password, and refunds the address", async () => {
    const gate = createLoginThrottle(options);
    for (let i = 0; i < 4; i++) await gate("chef@example.com", "198.51.100.9");
    const result = await signIn({ email: "chef@example.com", password: "s3cret-pass" }, "198.51.100.9", gate);
    expect(result.outcome).toBe("signed_in");
    expect(summary(await gate("chef@example.com", "198.51.100.10"))).toEqual({ allowed: true, delayMs: 0 });
    // The address keeps its four failures (a success must not wash an attacker's address clean).
    expect(summary(await gate("other@example.com", "198.51.100.9"))).toEqual({ allowed: true, delayMs: 4 });
  });

  it("starts a fresh window once the old one has passed", async () => {
    const gate = createLoginThrottle(options);
    for (let i = 0; i < 6; i++) await gate("chef@example.com", "198.51.100.20");
    expect((await gate("chef@example.com", "198.51.100.20")).allowed).toBe(false);
    await db().loginAttempt.updateMany({ data: { expire: new Date(Date.now() - 1000) } });
    expect(summary(await gate("chef@example.com", "198.51.100.20"))).toEqual({ allowed: true, delayMs: 0 });
  });

  it("stores neither emails nor addresses", async () => {
    const gate = createLoginThrottle(options);
    await gate("chef@example.com", "198.51.100.30");
    const keys = (await db().loginAttempt.findMany()).map((row) => row.key).join(" ");
    expect(keys).not.toMatch(/chef|example|198\.51/);
  });
});

describe("signIn", () => {
  it("refuses a wrong password and a throttled account, whatever the password", async () => {
    const gate = createLoginThrottle({ ...options, perAccount: 2 });
    expect((await signIn({ email: "chef@example.com", password: "nope" }, "192.0.2.50", gate)).outcome).toBe("refused");
    expect((await signIn({ email: "chef@example.com", password: "nope" }, "192.0.2.50", gate)).outcome).toBe("refused");
    const throttled = await signIn({ email: "chef@example.com", password: "s3cret-pass" }, "192.0.2.50", gate);
    expect(throttled).toMatchObject({ outcome: "throttled" });
  });
});
