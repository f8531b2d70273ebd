import { describe, expect, it } from "vitest";
import { OVERRUN_REMAINING_MS, estimate, formatRemaining, type StageDurations } from "./estimate";
import type { OrderStatus } from "./status";

const MIN = 60_000;
const T0 = Date.parse("2026-11-20T12:00:00.000Z");

const DURATIONS: StageDurations = {
  stages: {
    placed: { expectedMs: 2 * MIN, samples: 9, learned: true },
    confirmed: { expectedMs: 3 * MIN, samples: 9, learned: true },
    preparing: { expectedMs: 10 * MIN, samples: 9, learned: true },
    ready: { expectedMs: 5 * MIN, samples: 9, learned: true },
    out_for_delivery: { expectedMs: 20 * MIN, samples: 9, learned: true },
  },
};
const TOTAL = 40 * MIN;

/** An order that entered each of `steps` at the given minute after T0. */
function order(steps: [OrderStatus, number][]) {
  const timeline = steps.map(([status, minute]) => ({ status, at: new Date(T0 + minute * MIN).toISOString() }));
  return { status: steps[steps.length - 1]![0], createdAt: new Date(T0).toISOString(), timeline };
}

function open(result: ReturnType<typeof estimate>) {
  if (result.kind !== "open") throw new Error(`expected an open estimate, got ${result.kind}`);
  return result;
}

describe("estimate", () => {
  it("adds up every stage for a new order", () => {
    const result = open(estimate(order([["placed", 0]]), DURATIONS, T0));
    expect(result).toEqual({
      kind: "open",
      status: "placed",
      readyAt: T0 + 15 * MIN,
      deliveryAt: T0 + TOTAL,
      remainingMs: TOTAL,
      progress: 0,
      overdue: false,
    });
  });

  it("counts down within a stage and moves the bar between events", () => {
    const steps: [OrderStatus, number][] = [["placed", 0], ["confirmed", 2], ["preparing", 5]];
    const early = open(estimate(order(steps), DURATIONS, T0 + 6 * MIN));
    const later = open(estimate(order(steps), DURATIONS, T0 + 9 * MIN));
    // On schedule, the times stay put while the remaining time and progress follow the clock.
    expect(early.deliveryAt).toBe(T0 + TOTAL);
    expect(later.deliveryAt).toBe(T0 + TOTAL);
    expect(early.readyAt).toBe(T0 + 15 * MIN);
    expect(later.remainingMs).toBe(31 * MIN);
    expect(later.progress).toBeCloseTo(9 / 40);
    expect(later.progress).toBeGreaterThan(early.progress);
  });

  it("moves the estimate in when a stage ends early", () => {
    const result = open(estimate(order([["placed", 0], ["confirmed", 1]]), DURATIONS, T0 + 1 * MIN));
    expect(result.deliveryAt).toBe(T0 + 39 * MIN);
    expect(result.progress).toBeCloseTo(1 / 39);
  });

  it("moves the estimate out, never into the past, when a stage runs over", () => {
    const steps: [OrderStatus, number][] = [["placed", 0], ["confirmed", 2], ["preparing", 5]];
    const over = open(estimate(order(steps), DURATIONS, T0 + 30 * MIN));
    expect(over.overdue).toBe(true);
    expect(over.readyAt).toBe(T0 + 30 * MIN + OVERRUN_REMAINING_MS);
    expect(over.deliveryAt).toBe(T0 + 30 * MIN + OVERRUN_REMAINING_MS + 25 * MIN);
    const further = open(estimate(order(steps), DURATIONS, T0 + 45 * MIN));
    expect(further.deliveryAt - over.deliveryAt).toBe(15 * MIN);
    expect(further.progress).toBeGreaterThan(over.progress);
    expect(further.progress).toBeLessThan(1);
  });

  it("is not overdue on the dot, and is one millisecond later", () => {
    const steps: [OrderStatus, number][] = [["placed", 0]];
    expect(open(estimate(order(steps), DURATIONS, T0 + 2 * MIN)).overdue).toBe(false);
    expect(open(estimate(order(steps), DURATIONS, T0 + 2 * MIN + 1)).overdue).toBe(true);
  });

  it("has no ready time once the order is ready", () => {
    const steps: [OrderStatus, number][] = [["placed", 0], ["confirmed", 2], ["preparing", 5], ["ready", 15]];
    const result = open(estimate(order(steps), DURATIONS, T0 + 16 * MIN));
    expect(result.readyAt).toBeNull();
    expect(result.deliveryAt).toBe(T0 + TOTAL);
  });

  it("treats a stage that began after 'now' (a client clock behind the server's) as just begun", () => {
    const result = open(estimate(order([["placed", 0], ["confirmed", 2]]), DURATIONS, T0 + 1 * MIN));
    expect(result.remainingMs).toBe(38 * MIN);
    expect(result.overdue).toBe(false);
  });

  it("answers the final state for delivered and cancelled orders", () => {
    const delivered = order([["placed", 0], ["confirmed", 2], ["preparing", 5], ["ready", 15], ["out_for_delivery", 20], ["delivered", 33]]);
    expect(estimate(delivered, DURATIONS, T0 + 60 * MIN)).toEqual({ kind: "finished", status: "delivered", at: T0 + 33 * MIN });
    const cancelled = order([["placed", 0], ["cancelled", 4]]);
    expect(estimate(cancelled, DURATIONS, T0 + 60 * MIN)).toEqual({ kind: "finished", status: "cancelled", at: T0 + 4 * MIN });
  });
});

describe("formatRemaining", () => {
  it.each([
    [20_000, "under a minute"],
    [61_000, "about 1 min"],
    [25 * MIN, "about 25 min"],
    [60 * MIN, "about 1 h"],
    [70 * MIN, "about 1 h 10 min"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});
