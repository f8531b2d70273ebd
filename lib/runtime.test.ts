/** The process's one runtime: each member made once, and found by every module copy. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { processSlot, resetProcessRuntime } from "./runtime";

afterEach(() => resetProcessRuntime());

/** A `make` that counts its calls, each call a new object. */
function maker() {
  const make = vi.fn(() => ({ made: make.mock.calls.length }));
  return make;
}

describe("processSlot", () => {
  it("makes the member once, on first use", () => {
    const make = maker();
    const counters = processSlot("counters", make);
    expect(make).not.toHaveBeenCalled();
    const first = counters();
    expect(counters()).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it("gives two module copies' accessors of one name the same member, made by whichever asked first", () => {
    const inServerTs = maker();
    const inNextBundle = maker();
    const hubOfServerTs = processSlot("hub", inServerTs);
    const hubOfNextBundle = processSlot("hub", inNextBundle);
    expect(hubOfNextBundle()).toBe(hubOfServerTs());
    expect(inNextBundle).toHaveBeenCalledTimes(1);
    expect(inServerTs).not.toHaveBeenCalled();
  });

  it("shares the members with a real second copy of this module", async () => {
    const member = processSlot("streamLimiter", maker())();
    vi.resetModules();
    const copy = await import("./runtime");
    expect(copy.processSlot).not.toBe(processSlot);
    expect(copy.processSlot("streamLimiter", maker())()).toBe(member);
  });

  it("keeps members of different names apart", () => {
    expect(processSlot("db", maker())()).not.toBe(processSlot("eventLog", maker())());
  });

  it("peeks without making", () => {
    const make = maker();
    const hub = processSlot("hub", make);
    expect(hub.peek()).toBeUndefined();
    expect(processSlot("hub", maker()).peek()).toBeUndefined();
    expect(make).not.toHaveBeenCalled();
    const made = hub();
    expect(processSlot("hub", maker()).peek()).toBe(made);
  });

  it("takes a member out (for whoever closes it); the next use makes a new one", () => {
    const db = processSlot("db", maker());
    const first = db();
    expect(processSlot("db", maker()).take()).toBe(first);
    expect(db.peek()).toBeUndefined();
    expect(db.take()).toBeUndefined();
    const second = db();
    expect(second).not.toBe(first);
    expect(db()).toBe(second);
  });

  it("keeps nothing when making fails, so the next use tries again", () => {
    let fail = true;
    const listener = processSlot("listener", () => {
      if (fail) throw new Error("no connection");
      return { listening: true };
    });
    expect(() => listener()).toThrow("no connection");
    expect(listener.peek()).toBeUndefined();
    fail = false;
    expect(listener()).toEqual({ listening: true });
  });
});

describe("resetProcessRuntime", () => {
  it("forgets every member, for tests", () => {
    const shutdown = processSlot("shutdown", () => ({ shuttingDown: true }));
    const signal = processSlot("signal", maker());
    const before = [shutdown(), signal()];
    resetProcessRuntime();
    expect(shutdown.peek()).toBeUndefined();
    expect(signal.peek()).toBeUndefined();
    expect(shutdown()).not.toBe(before[0]);
    expect(signal()).not.toBe(before[1]);
  });
});

describe("the module", () => {
  it("imports nothing, so that every module can depend on it without a cycle", () => {
    const source = readFileSync(path.join(__dirname, "runtime.ts"), "utf8");
    expect(source).not.toMatch(/^\s*import\b|\brequire\(|\bimport\(/m);
  });
});
