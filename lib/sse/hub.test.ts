import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOrderHub, type OrderHub } from "@/lib/orders/event-log/hub";
import type { EventLog } from "@/lib/orders/event-log/log";
import { createTestDb, insertOrder, insertStatus, type TestDb } from "@/test/support/order-events";
import { KEEP_ALIVE_BYTES } from "./frames";
import { KEEPALIVE_SLICES, type Audience, type HubMessage, type Subscriber } from "./hub";
import { createSignal, type Signal } from "./wake";

const decoder = new TextDecoder();

interface Recorder extends Subscriber {
  messages: HubMessage[];
  keepAlives: Uint8Array[];
  closedWith: Uint8Array[];
}

function recorder(audience: Audience): Recorder {
  const r: Recorder = {
    audience,
    messages: [],
    keepAlives: [],
    closedWith: [],
    event(message) {
      r.messages.push(message);
    },
    keepAlive(bytes) {
      r.keepAlives.push(bytes);
    },
    close(bytes) {
      r.closedWith.push(bytes);
    },
  };
  return r;
}

/** Wraps a log to count the reads the hub makes (the thing invariant "one read per wake" is about). */
function countingLog(log: EventLog): EventLog & { reads: number } {
  const counted = {
    reads: 0,
    latestEventId: () => log.latestEventId(),
    readOrderEventsAfter: (orderId: string, cursor: number) => log.readOrderEventsAfter(orderId, cursor),
    readEventsAfter(cursor: number, limit: number) {
      counted.reads += 1;
      return log.readEventsAfter(cursor, limit);
    },
  };
  return counted;
}

let t: TestDb;
let wake: Signal;
let hubs: OrderHub[];
let subscribed: [OrderHub, Subscriber][];

function makeHub(options: { log?: EventLog; pollMs?: number; keepAliveMs?: number; batchSize?: number } = {}): OrderHub {
  const hub = createOrderHub({
    log: options.log ?? t.log,
    wake: wake.source,
    pollMs: options.pollMs ?? 60_000,
    keepAliveMs: options.keepAliveMs ?? 60_000,
    batchSize: options.batchSize,
  });
  hubs.push(hub);
  return hub;
}

async function join(hub: OrderHub, ...subscribers: Subscriber[]): Promise<void> {
  for (const s of subscribers) subscribed.push([hub, s]);
  await Promise.all(subscribers.map((s) => hub.subscribe(s)));
  await hub.idle();
}

/** An order, and a running hub with one staff subscriber that reads through a counting log. */
async function oneOrderOneStaffStream() {
  const { orderId } = await insertOrder(t.client);
  const log = countingLog(t.log);
  const hub = makeHub({ log });
  const staff = recorder({ kind: "staff" });
  await join(hub, staff);
  return { orderId, log, hub, staff };
}

async function wakeAndSettle(hub: OrderHub): Promise<void> {
  wake.notify();
  await hub.idle();
}

beforeEach(async () => {
  t = await createTestDb();
  wake = createSignal();
  hubs = [];
  subscribed = [];
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const [hub, s] of subscribed) hub.unsubscribe(s);
  for (const hub of hubs) await hub.idle();
  await t.cleanup();
});

describe("hub", () => {
  it("makes one log read per wake-up, however many subscribers", async () => {
    const a = await insertOrder(t.client);
    const b = await insertOrder(t.client);
    const log = countingLog(t.log);
    const hub = makeHub({ log });
    const subscribers = [
      ...Array.from({ length: 20 }, () => recorder({ kind: "customer", key: a.orderId })),
      ...Array.from({ length: 20 }, () => recorder({ kind: "customer", key: b.orderId })),
      ...Array.from({ length: 20 }, () => recorder({ kind: "staff" })),
    ];
    await join(hub, ...subscribers);
    const before = log.reads;

    await insertStatus(t.client, a.orderId, "confirmed");
    await insertStatus(t.client, b.orderId, "confirmed");
    await wakeAndSettle(hub);

    expect(log.reads - before).toBe(1);
    expect(hub.stats().reads).toBe(log.reads);
    for (const s of subscribers) expect(s.messages).toHaveLength(s.audience.kind === "staff" ? 2 : 1);
  });

  it("coalesces wake-ups that arrive during a read into one follow-up read", async () => {
    const { orderId, log, hub, staff } = await oneOrderOneStaffStream();
    const before = log.reads;

    await insertStatus(t.client, orderId, "confirmed");
    for (let i = 0; i < 10; i += 1) wake.notify();
    await hub.idle();

    expect(log.reads - before).toBe(2);
    expect(staff.messages).toHaveLength(1);
  });

  it("skips the read for a wake-up about events it has already read (PostgreSQL's NOTIFY of its own write)", async () => {
    const { orderId, log, hub, staff } = await oneOrderOneStaffStream();
    const id = await insertStatus(t.client, orderId, "confirmed");
    await wakeAndSettle(hub);
    const before = log.reads;

    wake.notify(id);
    wake.notify(id - 1);
    await hub.idle();
    expect(log.reads - before).toBe(0);

    const next = await insertStatus(t.client, orderId, "preparing");
    wake.notify(next);
    await hub.idle();
    expect(log.reads - before).toBe(1);
    expect(staff.messages.map((m) => m.id)).toEqual([id, next]);
  });

  it("folds wake-ups during a read into a follow-up read only if one names an id past what the read reached", async () => {
    const { orderId, log, hub, staff } = await oneOrderOneStaffStream();
    const id = await insertStatus(t.client, orderId, "confirmed");
    const before = log.reads;

    // The in-process signal starts a read; the notification of the same event arrives during it.
    wake.notify();
    wake.notify(id);
    await hub.idle();
    expect(log.reads - before).toBe(1);

    // One naming no id still gets its follow-up read: it may be about anything.
    const next = await insertStatus(t.client, orderId, "preparing");
    wake.notify();
    wake.notify(next);
    wake.notify();
    await hub.idle();
    expect(log.reads - before).toBe(3);
    expect(staff.messages.map((m) => m.id)).toEqual([id, next]);
  });

  it("keeps reading in batches until the log is drained", async () => {
    const { orderId } = await insertOrder(t.client);
    const hub = makeHub({ batchSize: 2 });
    const staff = recorder({ kind: "staff" });
    await join(hub, staff);
    for (const status of ["confirmed", "preparing", "ready", "out_for_delivery", "delivered"] as const) {
      await insertStatus(t.client, orderId, status);
    }
    await wakeAndSettle(hub);
    expect(staff.messages.map((m) => m.id)).toEqual((await t.log.readEventsAfter(1, 10)).map((e) => e.id));
  });

  it("encodes each event once per audience and hands every subscriber the same bytes", async () => {
    const { orderId } = await insertOrder(t.client);
    const hub = makeHub();
    const customers = [1, 2, 3].map(() => recorder({ kind: "customer", key: orderId }));
    const staff = [1, 2, 3].map(() => recorder({ kind: "staff" }));
    await join(hub, ...customers, ...staff);
    const encode = vi.spyOn(TextEncoder.prototype, "encode");

    await insertStatus(t.client, orderId, "confirmed");
    await wakeAndSettle(hub);

    expect(encode).toHaveBeenCalledTimes(2);
    const customerBytes = customers[0]?.messages[0]?.bytes;
    const staffBytes = staff[0]?.messages[0]?.bytes;
    for (const c of customers) expect(c.messages[0]?.bytes).toBe(customerBytes);
    for (const s of staff) expect(s.messages[0]?.bytes).toBe(staffBytes);
    expect(decoder.decode(customerBytes)).toMatch(/^id: \d+\nevent: order\.status\ndata: \{.*\}\n\n$/);
    expect(decoder.decode(customerBytes)).not.toContain("customerName");
    expect(decoder.decode(staffBytes)).toContain('"customerName":"Ada"');
  });

  it("sends customers their own order's status events only; staff get everything", async () => {
    const hub = makeHub();
    const a = await insertOrder(t.client);
    const b = await insertOrder(t.client);
    const ca = recorder({ kind: "customer", key: a.orderId });
    const cb = recorder({ kind: "customer", key: b.orderId });
    const staff = recorder({ kind: "staff" });
    await join(hub, ca, cb, staff);

    const c = await insertOrder(t.client);
    const a1 = await insertStatus(t.client, a.orderId, "confirmed");
    const b1 = await insertStatus(t.client, b.orderId, "cancelled");
    await wakeAndSettle(hub);

    expect(ca.messages.map((m) => m.id)).toEqual([a1]);
    expect(cb.messages.map((m) => [m.id, m.terminal])).toEqual([[b1, true]]);
    expect(staff.messages.map((m) => m.id)).toEqual([c.eventId, a1, b1]);
    expect(decoder.decode(staff.messages[0]?.bytes)).toContain("event: order.created\n");
  });

  it("starts at the log's end: subscribers get no history", async () => {
    const { orderId } = await insertOrder(t.client);
    await insertStatus(t.client, orderId, "confirmed");
    const hub = makeHub();
    const staff = recorder({ kind: "staff" });
    await join(hub, staff);
    expect(hub.stats().cursor).toBe(await t.log.latestEventId());
    await wakeAndSettle(hub);
    expect(staff.messages).toEqual([]);
  });

  it("catches a write that commits while it starts, before it listens for wake-ups", async () => {
    const { orderId } = await insertOrder(t.client);
    let racedId = 0;
    const log: EventLog = {
      ...t.log,
      async latestEventId() {
        const latest = await t.log.latestEventId();
        // Commits after the cursor was read; its notify reaches no hub listener yet.
        racedId = await insertStatus(t.client, orderId, "confirmed");
        wake.notify();
        return latest;
      },
    };
    const hub = makeHub({ log });
    const staff = recorder({ kind: "staff" });
    await join(hub, staff);
    expect(staff.messages.map((m) => m.id)).toEqual([racedId]);
  });

  it("finds writes it was not told about with the safety poll", async () => {
    const { orderId } = await insertOrder(t.client);
    const hub = makeHub({ pollMs: 20 });
    const staff = recorder({ kind: "staff" });
    await join(hub, staff);
    const id = await insertStatus(t.client, orderId, "confirmed");
    await vi.waitFor(() => expect(staff.messages.map((m) => m.id)).toEqual([id]), { timeout: 2000 });
  });

  it("sends keep-alives to every subscriber from one timer", async () => {
    const { orderId } = await insertOrder(t.client);
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    const hub = makeHub({ keepAliveMs: 15 });
    const subscribers = [
      ...Array.from({ length: 10 }, () => recorder({ kind: "customer", key: orderId })),
      ...Array.from({ length: 10 }, () => recorder({ kind: "staff" })),
    ];
    await join(hub, ...subscribers);
    await vi.waitFor(() => {
      for (const s of subscribers) expect(s.keepAlives.length).toBeGreaterThan(0);
    });
    // One poll and one keep-alive ticker for the whole hub, not one per subscriber.
    expect(setIntervalSpy).toHaveBeenCalledTimes(2);
    expect(hub.stats().timers).toBe(2);
    for (const s of subscribers) expect(s.keepAlives[0]).toBe(KEEP_ALIVE_BYTES);
    expect(decoder.decode(KEEP_ALIVE_BYTES)).toBe(": keep-alive\n\n");
  });

  it("spreads keep-alives over the interval: a slice per tick, each subscriber once per interval", async () => {
    const { orderId } = await insertOrder(t.client);
    const others = await Promise.all(Array.from({ length: 3 }, () => insertOrder(t.client)));
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const hub = makeHub({ keepAliveMs: 15_000 });
      const subscribers = [
        ...Array.from({ length: 5 }, () => recorder({ kind: "staff" })),
        ...Array.from({ length: 25 }, () => recorder({ kind: "customer", key: orderId })),
        ...others.flatMap((order) => Array.from({ length: 5 }, () => recorder({ kind: "customer", key: order.orderId }))),
      ];
      await join(hub, ...subscribers);
      const tick = 15_000 / KEEPALIVE_SLICES;
      const total = () => subscribers.reduce((sum, s) => sum + s.keepAlives.length, 0);
      for (let i = 1; i <= KEEPALIVE_SLICES; i++) {
        vi.advanceTimersByTime(tick);
        // 45 subscribers in 15 slices: three a tick, never all at once.
        expect(total()).toBe(3 * i);
      }
      for (const s of subscribers) expect(s.keepAlives).toHaveLength(1);
      vi.advanceTimersByTime(15_000);
      for (const s of subscribers) expect(s.keepAlives).toHaveLength(2);
      for (const s of subscribers) hub.unsubscribe(s);
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops its timers when the last subscriber leaves and restarts from the log's end", async () => {
    const { orderId } = await insertOrder(t.client);
    const hub = makeHub();
    const first = recorder({ kind: "staff" });
    await join(hub, first);
    expect(hub.stats()).toMatchObject({ running: true, timers: 2, subscribers: 1 });

    hub.unsubscribe(first);
    hub.unsubscribe(first);
    expect(hub.stats()).toMatchObject({ running: false, timers: 0, subscribers: 0 });

    const missed = await insertStatus(t.client, orderId, "confirmed");
    wake.notify();
    const second = recorder({ kind: "staff" });
    await join(hub, second);
    expect(hub.stats().cursor).toBe(missed);
    const next = await insertStatus(t.client, orderId, "preparing");
    await wakeAndSettle(hub);
    expect(second.messages.map((m) => m.id)).toEqual([next]);
    expect(first.messages).toEqual([]);
  });

  it("counts each subscriber once and forgets empty orders", async () => {
    const hub = makeHub();
    const c = recorder({ kind: "customer", key: "o1" });
    await join(hub, c);
    await hub.subscribe(c);
    expect(hub.stats()).toMatchObject({ subscribers: 1, orders: 1 });
    hub.unsubscribe(c);
    expect(hub.stats()).toMatchObject({ subscribers: 0, orders: 0 });
  });

  it("reports a failed read and delivers the events on the next wake-up", async () => {
    const { orderId } = await insertOrder(t.client);
    let failNext = false;
    const errors: unknown[] = [];
    const log: EventLog = {
      ...t.log,
      readEventsAfter(cursor, limit) {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error("database is locked"));
        }
        return t.log.readEventsAfter(cursor, limit);
      },
    };
    const hub = createOrderHub({ log, wake: wake.source, pollMs: 60_000, keepAliveMs: 60_000, onError: (e) => errors.push(e) });
    hubs.push(hub);
    const staff = recorder({ kind: "staff" });
    await join(hub, staff);

    const id = await insertStatus(t.client, orderId, "confirmed");
    failNext = true;
    await wakeAndSettle(hub);
    expect(errors).toHaveLength(1);
    expect(staff.messages).toEqual([]);
    await wakeAndSettle(hub);
    expect(staff.messages.map((m) => m.id)).toEqual([id]);
  });

  it("lets the next subscriber retry when the start-up read fails", async () => {
    let fail = true;
    const log: EventLog = {
      ...t.log,
      latestEventId: () => (fail ? Promise.reject(new Error("no database")) : t.log.latestEventId()),
    };
    const hub = makeHub({ log });
    const first = recorder({ kind: "staff" });
    await expect(hub.subscribe(first)).rejects.toThrow("no database");
    hub.unsubscribe(first);
    fail = false;
    const second = recorder({ kind: "staff" });
    await join(hub, second);
    expect(hub.stats().running).toBe(true);
  });

  it("closes every stream on shutdown, each with its own final bytes, and any that comes later at once", async () => {
    const hub = makeHub();
    const { orderId } = await insertOrder(t.client);
    const staff = recorder({ kind: "staff" });
    const customers = [recorder({ kind: "customer", key: orderId }), recorder({ kind: "customer", key: orderId })];
    for (const subscriber of [staff, ...customers]) await join(hub, subscriber);

    let n = 0;
    const closed = hub.shutdown(() => new TextEncoder().encode(`retry: ${++n}\n\n`));
    expect(closed).toBe(3);
    expect([staff, ...customers].map((r) => r.closedWith.map((b) => decoder.decode(b)))).toEqual([
      ["retry: 1\n\n"],
      ["retry: 2\n\n"],
      ["retry: 3\n\n"],
    ]);
    expect(hub.stats()).toMatchObject({ subscribers: 0, running: false, timers: 0 });

    const late = recorder({ kind: "staff" });
    await hub.subscribe(late);
    expect(late.closedWith.map((b) => decoder.decode(b))).toEqual(["retry: 4\n\n"]);
    expect(hub.subscriberCount()).toBe(0);
  });
});
