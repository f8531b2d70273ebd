import { describe, expect, it } from "vitest";
import { shared, within } from "./within";

describe("within", () => {
  it("answers the value, the error, or a timeout for work that never settles", async () => {
    expect(await within(async () => 7, 1000)).toEqual({ ok: true, value: 7 });
    const failure = new Error("refused");
    expect(await within(() => Promise.reject(failure), 1000)).toEqual({ ok: false, reason: "error", error: failure });
    // Without the timeout this never settles, and the test runs into vitest's.
    expect(await within(() => new Promise(() => {}), 10)).toEqual({ ok: false, reason: "timeout" });
  });
});

describe("shared", () => {
  it("runs one query for every caller while it is in flight, and a new one after it settles", async () => {
    let runs = 0;
    let finish!: (value: number) => void;
    const query = shared(() => {
      runs += 1;
      return new Promise<number>((resolve) => (finish = resolve));
    });
    const first = query();
    const second = query();
    expect(runs).toBe(1);
    finish(42);
    expect(await Promise.all([first, second])).toEqual([42, 42]);
    void query();
    expect(runs).toBe(2);
  });

  it("lets the next caller try again after a failure", async () => {
    let runs = 0;
    const query = shared(async () => {
      runs += 1;
      if (runs === 1) throw new Error("down");
      return "up";
    });
    await expect(query()).rejects.toThrow("down");
    expect(await query()).toBe("up");
  });
});
