import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import {
  ETA_CACHE_MS,
  ETA_MAX_SAMPLES,
  ETA_WINDOW_MS,
  learnStageDurations,
  stageDurations,
  stageDurationsFromEvents,
  type StageEvent,
} from "./eta";
import { DEFAULT_STAGE_MS } from "./eta-defaults";
import { createOrder, transitionOrder } from "./service";
import { PROGRESS, type OrderStatus } from "./status";
import type { Actor } from "./types";

const MIN = 60_000;
const NOW = Date.parse("2026-11-20T12:00:00.000Z");

let cleanup: () => Promise<void>;
let actor: Actor;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  const user = await upsertStaffUser(db(), { email: "eta@example.com", name: "E", password: "pw-123456" });
  actor = { kind: "staff", id: user.id, name: "E" };
});
afterAll(() => cleanup());
beforeEach(async () => {
  await db().order.deleteMany();
});

/**
 * An order that went through `path` (after "placed"), its events then moved to chosen times:
 * placed at `start`, and each later event `minutes[i]` after the one before it.
 */
async function orderWithHistory(path: OrderStatus[], minutes: number[], start: number): Promise<void> {
  const { order } = await createOrder({ customerName: "H", items: [{ name: "Soup", quantity: 1 }] });
  let version = 1;
  for (const to of path) {
    const result = await transitionOrder({ orderId: order.id, to, expectedVersion: version, actor });
    if (!result.ok) throw new Error(result.reason);
    version = result.order.version;
  }
  const events = await db().orderEvent.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
  let at = start;
  for (const [index, event] of events.entries()) {
    if (index > 0) at += (minutes[index - 1] ?? 0) * MIN;
    await db().orderEvent.update({ where: { id: event.id }, data: { at: new Date(at) } });
  }
}

const DELIVERED = PROGRESS.slice(1);

describe("learnStageDurations", () => {
  it("answers each stage's default, marked as not learned, when there is no history", async () => {
    const { stages } = await learnStageDurations(db(), NOW);
    for (const [status, stage] of Object.entries(stages)) {
      expect(stage).toEqual({ expectedMs: DEFAULT_STAGE_MS[status as keyof typeof DEFAULT_STAGE_MS], samples: 0, learned: false });
    }
  });

  it("learns the median of each stage from completed orders", async () => {
    // Five delivered orders; each stage's minutes differ per order so the median is a choice.
    const history = [
      [1, 2, 10, 4, 20],
      [3, 2, 12, 6, 25],
      [2, 4, 11, 5, 30],
      [9, 3, 30, 5, 22],
      [2, 8, 14, 1, 28],
    ];
    for (const [i, minutes] of history.entries()) await orderWithHistory(DELIVERED, minutes, NOW - (10 - i) * 60 * MIN);

    const { stages } = await learnStageDurations(db(), NOW);
    expect(stages.placed).toEqual({ expectedMs: 2 * MIN, samples: 5, learned: true });
    expect(stages.confirmed).toEqual({ expectedMs: 3 * MIN, samples: 5, learned: true });
    expect(stages.preparing).toEqual({ expectedMs: 12 * MIN, samples: 5, learned: true });
    expect(stages.ready).toEqual({ expectedMs: 5 * MIN, samples: 5, learned: true });
    expect(stages.out_for_delivery).toEqual({ expectedMs: 25 * MIN, samples: 5, learned: true });
  });

  it("counts orders still open up to where they are, and never a cancellation", async () => {
    for (let i = 0; i < 5; i++) await orderWithHistory(["confirmed", "preparing"], [4, 6], NOW - (5 + i) * 60 * MIN);
    // Cancelled after 40 minutes of waiting: not how long confirming takes.
    for (let i = 0; i < 5; i++) await orderWithHistory(["cancelled"], [40], NOW - (20 + i) * 60 * MIN);

    const { stages } = await learnStageDurations(db(), NOW);
    expect(stages.placed).toEqual({ expectedMs: 4 * MIN, samples: 5, learned: true });
    expect(stages.confirmed).toEqual({ expectedMs: 6 * MIN, samples: 5, learned: true });
    // Preparing has begun five times but never ended: no sample yet.
    expect(stages.preparing).toEqual({ expectedMs: DEFAULT_STAGE_MS.preparing, samples: 0, learned: false });
  });

  it("keeps the default while a stage has fewer than a handful of samples", async () => {
    for (let i = 0; i < 4; i++) await orderWithHistory(["confirmed"], [7], NOW - (i + 1) * 60 * MIN);
    const { stages } = await learnStageDurations(db(), NOW);
    expect(stages.placed).toEqual({ expectedMs: DEFAULT_STAGE_MS.placed, samples: 4, learned: false });
  });

  it("forgets orders older than the window", async () => {
    for (let i = 0; i < 5; i++) await orderWithHistory(["confirmed"], [50], NOW - ETA_WINDOW_MS - (i + 1) * 60 * MIN);
    for (let i = 0; i < 5; i++) await orderWithHistory(["confirmed"], [3], NOW - (i + 1) * 60 * MIN);
    const { stages } = await learnStageDurations(db(), NOW);
    expect(stages.placed).toEqual({ expectedMs: 3 * MIN, samples: 5, learned: true });
  });
});

describe("stageDurationsFromEvents", () => {
  /** Two events of one order: entered `placed` at `start`, confirmed `minutes` later. */
  function placedThenConfirmed(n: number, start: number, minutes: number): StageEvent[] {
    const orderId = `order-${n}`;
    return [
      { id: n * 2, orderId, status: "placed", previousStatus: null, at: new Date(start) },
      { id: n * 2 + 1, orderId, status: "confirmed", previousStatus: "placed", at: new Date(start + minutes * MIN) },
    ];
  }

  it("takes only the newest samples per stage, whatever order the events come in", () => {
    const events: StageEvent[] = [];
    // The newest ETA_MAX_SAMPLES orders took 5 minutes; 100 older ones took an hour.
    for (let n = 0; n < 100; n++) events.push(...placedThenConfirmed(n, NOW, 60));
    for (let n = 100; n < 100 + ETA_MAX_SAMPLES; n++) events.push(...placedThenConfirmed(n, NOW, 5));
    events.reverse();
    expect(stageDurationsFromEvents(events).stages.placed).toEqual({ expectedMs: 5 * MIN, samples: ETA_MAX_SAMPLES, learned: true });
  });

  it("averages the two middle samples of an even count", () => {
    const events = [1, 2, 3, 4, 5, 6].flatMap((minutes, n) => placedThenConfirmed(n, NOW, minutes));
    expect(stageDurationsFromEvents(events).stages.placed.expectedMs).toBe(3.5 * MIN);
  });

  it("skips a stage whose entering event it was not given", () => {
    const events = [1, 2, 3, 4, 5].flatMap((minutes, n) => placedThenConfirmed(n, NOW, minutes).slice(1));
    expect(stageDurationsFromEvents(events).stages.placed.samples).toBe(0);
  });
});

describe("stageDurations (the process cache)", () => {
  it("reuses what it learned for a minute, then learns again", async () => {
    const start = Date.now();
    const first = await stageDurations(start);
    expect(first.stages.placed.learned).toBe(false);

    for (let i = 0; i < 5; i++) await orderWithHistory(["confirmed"], [8], start - (i + 1) * 60 * MIN);
    expect(await stageDurations(start + ETA_CACHE_MS - 1)).toBe(first);

    const relearned = await stageDurations(start + ETA_CACHE_MS);
    expect(relearned.stages.placed).toEqual({ expectedMs: 8 * MIN, samples: 5, learned: true });
  });

  it("lets concurrent callers share one query", async () => {
    const later = Date.now() + 10 * ETA_CACHE_MS;
    expect(stageDurations(later)).toBe(stageDurations(later + 1));
  });
});
