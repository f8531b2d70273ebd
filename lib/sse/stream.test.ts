import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOrderHub, type OrderHub } from "@/lib/orders/event-log/hub";
import type { EventLog } from "@/lib/orders/event-log/log";
import { openCustomerStream, openStaffStream, REPLAY_BATCH_SIZE } from "@/lib/orders/event-log/streams";
import {
  createTestDb,
  insertOrder,
  insertStatus,
  readMessages,
  type ReadMessage,
  type TestDb,
} from "@/test/support/order-events";
import { takeOverStream } from "./stream";
import { createSignal, type Signal } from "./wake";

const decoder = new TextDecoder();

let t: TestDb;
let wake: Signal;
let hub: OrderHub;
let readers: ReadableStreamDefaultReader<Uint8Array>[];

function makeHub(options: { log?: EventLog; keepAliveMs?: number } = {}): OrderHub {
  hub = createOrderHub({
    log: options.log ?? t.log,
    wake: wake.source,
    pollMs: 60_000,
    keepAliveMs: options.keepAliveMs ?? 60_000,
  });
  return hub;
}

function reader(stream: ReadableStream<Uint8Array>): ReadableStreamDefaultReader<Uint8Array> {
  const r = stream.getReader();
  readers.push(r);
  return r;
}

/** Reads the `retry:` preamble every stream starts with. */
async function opened(r: ReadableStreamDefaultReader<Uint8Array>): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const first = await r.read();
  expect(decoder.decode(first.value)).toBe("retry: 2000\n\n");
  return r;
}

const ids = (messages: ReadMessage[]) => messages.map((m) => m.id);

/**
 * A stream without a cursor is live from the hub's position. Write only once the hub has read
 * that position, or the write may fall inside it and never be sent (a slow database once made
 * a test wait for ever that way).
 */
async function hubHasPosition(subscribers: number): Promise<void> {
  await vi.waitFor(() => expect(hub.stats()).toMatchObject({ subscribers, running: true }));
}

/** An order whose history is longer than two replay batches, so a replay takes several reads. */
async function orderWithLongHistory(): Promise<string> {
  const { orderId } = await insertOrder(t.client);
  await t.client.orderEvent.createMany({
    data: Array.from({ length: REPLAY_BATCH_SIZE * 2 + 50 }, (_, i) => ({
      orderId,
      type: "order.status",
      status: "confirmed",
      previousStatus: "placed",
      version: i + 2,
    })),
  });
  return orderId;
}

/**
 * A log after each of whose first 12 reads (the replay's and the hub's) another event commits and
 * the hub is woken: each replay batch misses one event that only live delivery can bring, and the
 * live queue overlaps later replay batches, so dedup is exercised too.
 */
function racingWrites(orderId: string): { log: EventLog; done(): Promise<void> } {
  let extra = 0;
  return {
    log: {
      ...t.log,
      async readEventsAfter(cursor, limit) {
        const rows = await t.log.readEventsAfter(cursor, limit);
        if (extra < 12) {
          extra += 1;
          await insertStatus(t.client, orderId, "preparing");
          wake.notify();
        }
        return rows;
      },
    },
    done: () =>
      vi.waitFor(async () => {
        expect(extra).toBe(12);
        await hub.idle();
      }),
  };
}

/** Reads until the log's last event: every id from 1 arrives, in order, once. */
async function expectEveryEvent(r: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const last = await t.log.latestEventId();
  const got = await readMessages(r, (m) => m.at(-1)?.id === last);
  expect(ids(got.messages)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
}

beforeEach(async () => {
  t = await createTestDb();
  wake = createSignal();
  readers = [];
  makeHub();
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const r of readers) await r.cancel().catch(() => {});
  await hub.idle();
  expect(hub.subscriberCount()).toBe(0);
  await t.cleanup();
});

describe("customer stream", () => {
  it("starts with retry, replays after the cursor, then goes live", async () => {
    const { orderId, eventId } = await insertOrder(t.client);
    const confirmed = await insertStatus(t.client, orderId, "confirmed");
    const r = await opened(reader(openCustomerStream({ orderId, cursor: eventId, hub })));

    const replayed = await readMessages(r, (m) => m.length === 1);
    expect(ids(replayed.messages)).toEqual([confirmed]);
    expect(replayed.messages[0]).toMatchObject({ event: "order.status", data: { status: "confirmed" } });

    const preparing = await insertStatus(t.client, orderId, "preparing");
    wake.notify();
    const live = await readMessages(r, (m) => m.length === 1);
    expect(ids(live.messages)).toEqual([preparing]);
    expect(hub.subscriberCount()).toBe(1);
  });

  it("gets its own order's events only, its creation first as the placed status, never staff fields", async () => {
    const a = await insertOrder(t.client);
    const b = await insertOrder(t.client);
    const ra = await opened(reader(openCustomerStream({ orderId: a.orderId, cursor: null, hub })));
    const rb = await opened(reader(openCustomerStream({ orderId: b.orderId, cursor: null, hub })));
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(2));

    await insertOrder(t.client);
    const b1 = await insertStatus(t.client, b.orderId, "confirmed");
    const a1 = await insertStatus(t.client, a.orderId, "confirmed");
    wake.notify();
    const gotA = await readMessages(ra, (m) => m.length === 2);
    const gotB = await readMessages(rb, (m) => m.length === 2);
    expect(ids(gotA.messages)).toEqual([a.eventId, a1]);
    expect(ids(gotB.messages)).toEqual([b.eventId, b1]);
    expect(gotA.messages.map((m) => [m.event, (m.data as { status: string; previousStatus: string | null }).status])).toEqual([
      ["order.status", "placed"],
      ["order.status", "confirmed"],
    ]);
    expect(gotA.messages[0]?.data).toMatchObject({ status: "placed", previousStatus: null, version: 1 });
    const text = gotA.chunks.map((chunk) => decoder.decode(chunk)).join("");
    expect(text).not.toContain("order.created");
    expect(text).not.toMatch(/actor|customerName/);
  });

  it("closes itself after delivering a terminal status, live", async () => {
    const { orderId, eventId } = await insertOrder(t.client);
    const r = await opened(reader(openCustomerStream({ orderId, cursor: eventId, hub })));
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(1));
    const confirmed = await insertStatus(t.client, orderId, "confirmed");
    const cancelled = await insertStatus(t.client, orderId, "cancelled");
    wake.notify();
    const all = await readMessages(r, () => false);
    expect(all.done).toBe(true);
    expect(ids(all.messages)).toEqual([confirmed, cancelled]);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("closes itself after replaying a terminal status", async () => {
    const { orderId, eventId } = await insertOrder(t.client);
    for (const s of ["confirmed", "preparing", "ready", "out_for_delivery"] as const) {
      await insertStatus(t.client, orderId, s);
    }
    const delivered = await insertStatus(t.client, orderId, "delivered");
    const r = await opened(reader(openCustomerStream({ orderId, cursor: eventId, hub })));
    const all = await readMessages(r, () => false);
    expect(all.done).toBe(true);
    expect(all.messages).toHaveLength(5);
    expect(all.messages.at(-1)?.id).toBe(delivered);
    expect(hub.subscriberCount()).toBe(0);
  });
});

describe("staff stream", () => {
  it("gets every order's events, order.created included, with staff fields", async () => {
    const r = await opened(reader(openStaffStream({ cursor: 0, hub })));
    const a = await insertOrder(t.client, "Grace");
    const a1 = await insertStatus(t.client, a.orderId, "confirmed");
    wake.notify();
    const got = await readMessages(r, (m) => m.length === 2);
    expect(got.messages.map((m) => [m.id, m.event])).toEqual([
      [a.eventId, "order.created"],
      [a1, "order.status"],
    ]);
    expect(got.messages[0]?.data).toMatchObject({ customerName: "Grace", type: "order.created", actor: null });
  });

  it("starts live without history when it has no cursor", async () => {
    const old = await insertOrder(t.client);
    const r = await opened(reader(openStaffStream({ cursor: null, hub })));
    await hubHasPosition(1);
    const next = await insertStatus(t.client, old.orderId, "confirmed");
    wake.notify();
    const got = await readMessages(r, (m) => m.length === 1);
    expect(ids(got.messages)).toEqual([next]);
  });

  it("hands the same bytes to every stream", async () => {
    const r1 = await opened(reader(openStaffStream({ cursor: null, hub })));
    const r2 = await opened(reader(openStaffStream({ cursor: null, hub })));
    await hubHasPosition(2);
    await insertOrder(t.client);
    wake.notify();
    const [c1, c2] = await Promise.all([r1.read(), r2.read()]);
    expect(c1.value).toBeInstanceOf(Uint8Array);
    expect(c1.value).toBe(c2.value);
  });

  it("has no gap and no duplicate when events are written during the replay", async () => {
    const racing = racingWrites(await orderWithLongHistory());
    makeHub({ log: racing.log });
    const r = await opened(reader(openStaffStream({ cursor: 0, hub })));
    await racing.done();
    await expectEveryEvent(r);
  });

  it("drops a client that stops reading once its queue passes the limit; a reading client stays", async () => {
    const slow = reader(openStaffStream({ cursor: null, hub, maxQueuedBytes: 4096 }));
    const fast = await opened(reader(openStaffStream({ cursor: null, hub, maxQueuedBytes: 4096 })));
    await hubHasPosition(2);
    const received: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const { eventId } = await insertOrder(t.client);
      wake.notify();
      await hub.idle();
      const got = await readMessages(fast, (m) => m.length === 1);
      received.push(...ids(got.messages));
      if (i === 29) expect(got.messages[0]?.id).toBe(eventId);
    }
    expect(received).toHaveLength(30);
    expect(hub.subscriberCount()).toBe(1);
    await expect(slow.read()).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("stuck clients", () => {
  it("drops a stream whose client takes nothing for the stall time, and keeps one that reads", async () => {
    makeHub({ keepAliveMs: 20 });
    const closed = vi.fn();
    // Never read: even the `retry:` preamble stays queued.
    const stuck = reader(openStaffStream({ cursor: null, hub, stallMs: 150, onClose: closed }));
    const reading = await opened(reader(openStaffStream({ cursor: null, hub, stallMs: 150 })));
    let keepAlives = 0;
    const readingLoop = (async () => {
      for (;;) {
        const { done } = await reading.read();
        if (done) return;
        keepAlives += 1;
      }
    })();
    await vi.waitFor(() => expect(closed).toHaveBeenCalledTimes(1), { timeout: 5000 });
    await expect(stuck.read()).rejects.toMatchObject({ name: "AbortError" });
    // The reading client has had keep-alives for longer than the stall time and is still there.
    await vi.waitFor(() => expect(keepAlives).toBeGreaterThan(15), { timeout: 5000 });
    expect(hub.subscriberCount()).toBe(1);
    await reading.cancel();
    await readingLoop;
  });

  it("tells its owner once when it ends, however it ends", async () => {
    const { orderId } = await insertOrder(t.client);
    const onCancel = vi.fn();
    const onAbort = vi.fn();
    const cancelled = reader(openCustomerStream({ orderId, cursor: 0, hub, onClose: onCancel }));
    const abort = new AbortController();
    reader(openStaffStream({ cursor: 0, hub, signal: abort.signal, onClose: onAbort }));
    await cancelled.cancel();
    await cancelled.cancel();
    abort.abort();
    abort.abort();
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(0));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onAbort).toHaveBeenCalledTimes(1);
  });
});

describe("cleanup and shared timers", () => {
  it("removes the subscriber on abort and on cancel, idempotently", async () => {
    const { orderId } = await insertOrder(t.client);
    const abort = new AbortController();
    const aborted = reader(openCustomerStream({ orderId, cursor: 0, hub, signal: abort.signal }));
    const cancelled = reader(openStaffStream({ cursor: 0, hub, signal: new AbortController().signal }));
    const both = new AbortController();
    const abortedAndCancelled = reader(openStaffStream({ cursor: null, hub, signal: both.signal }));
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(3));

    abort.abort();
    expect(hub.subscriberCount()).toBe(2);
    await cancelled.cancel();
    expect(hub.subscriberCount()).toBe(1);
    both.abort();
    await abortedAndCancelled.cancel();
    abort.abort();
    expect(hub.subscriberCount()).toBe(0);
    expect(hub.stats()).toMatchObject({ running: false, timers: 0 });
    // A closed stream ends cleanly for its reader.
    await aborted.read();
    expect((await aborted.read()).done).toBe(true);
  });

  it("never subscribes when the request is already aborted", async () => {
    const abort = new AbortController();
    abort.abort();
    const r = reader(openStaffStream({ cursor: null, hub, signal: abort.signal }));
    await opened(r);
    expect((await r.read()).done).toBe(true);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("leaves no subscriber behind when cancelled during the replay", async () => {
    const { orderId } = await insertOrder(t.client);
    await insertStatus(t.client, orderId, "confirmed");
    const r = reader(openStaffStream({ cursor: 0, hub }));
    await r.cancel();
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(0));
    await hub.idle();
    expect(hub.subscriberCount()).toBe(0);
  });

  it("sends keep-alives to every stream from the hub's one ticker", async () => {
    const { orderId } = await insertOrder(t.client);
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    makeHub({ keepAliveMs: 20 });
    const streams = [
      ...Array.from({ length: 4 }, () => reader(openCustomerStream({ orderId, cursor: 0, hub }))),
      ...Array.from({ length: 4 }, () => reader(openStaffStream({ cursor: null, hub }))),
    ];
    for (const r of streams) await opened(r);
    // Reading the customer streams' replay of order.created is not expected: customers never get it.
    const got = await Promise.all(streams.map((r) => readMessages(r, (_m, comments) => comments.length > 0)));
    for (const g of got) expect(g.comments[0]).toBe(": keep-alive\n\n");
    expect(setIntervalSpy).toHaveBeenCalledTimes(2);
  });

  it("ends with the hub's final bytes on shutdown, after what it already had, and a later stream ends at once", async () => {
    const { orderId, eventId: created } = await insertOrder(t.client);
    const confirmed = await insertStatus(t.client, orderId, "confirmed");
    const customer = await opened(reader(openCustomerStream({ orderId, cursor: 0, hub })));
    const staff = await opened(reader(openStaffStream({ cursor: null, hub })));
    expect(ids((await readMessages(customer, (m) => m.length === 2)).messages)).toEqual([created, confirmed]);

    hub.shutdown(() => new TextEncoder().encode("retry: 300\n\n"));
    for (const r of [customer, staff]) {
      const last = await r.read();
      expect(decoder.decode(last.value)).toBe("retry: 300\n\n");
      expect((await r.read()).done).toBe(true);
    }
    const late = reader(openStaffStream({ cursor: null, hub }));
    await opened(late);
    expect(decoder.decode((await late.read()).value)).toBe("retry: 300\n\n");
    expect((await late.read()).done).toBe(true);
  });

  it("skips the replay query when the client's cursor is already at the hub's position, and still misses nothing", async () => {
    const { orderId, eventId: created } = await insertOrder(t.client);
    const before = await insertStatus(t.client, orderId, "confirmed");
    let replays = 0;
    makeHub({
      log: {
        ...t.log,
        readOrderEventsAfter(id, cursor) {
          replays += 1;
          return t.log.readOrderEventsAfter(id, cursor);
        },
      },
    });
    const caughtUp = await opened(reader(openCustomerStream({ orderId, cursor: before, hub })));
    await hubHasPosition(1);
    expect(replays).toBe(0);
    const preparing = await insertStatus(t.client, orderId, "preparing");
    wake.notify();
    expect(ids((await readMessages(caughtUp, (m) => m.length === 1)).messages)).toEqual([preparing]);

    // A client behind the hub's position still gets its replay.
    const behind = await opened(reader(openCustomerStream({ orderId, cursor: 0, hub })));
    expect(ids((await readMessages(behind, (m) => m.length === 3)).messages)).toEqual([created, before, preparing]);
    expect(replays).toBe(1);
  });
});


/**
 * A server that writes to Node's response itself takes the body over (takeOverStream): the same
 * bytes in the same order, whatever the body had queued when it was taken, and the same rules
 * for slow clients, clients that go, and the end. The sink is a real Node stream; what it
 * passes on is read back as the client would.
 */
describe("taken over by a Node response", () => {
  let sinks: PassThrough[] = [];

  // A response leaves the hub on its `close`, which Node emits a tick after the socket goes.
  afterEach(async () => {
    for (const sink of sinks) sink.destroy();
    sinks = [];
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(0));
  });

  /** The body handed to a PassThrough with a small buffer, read back through a web reader. */
  function takeOver(body: ReadableStream<Uint8Array>, heads: string[] = []): { sink: PassThrough; client: ReadableStreamDefaultReader<Uint8Array> } {
    const sink = new PassThrough({ highWaterMark: 1024 });
    sinks.push(sink);
    expect(takeOverStream(body, sink, () => heads.push("head"))).toBe(true);
    const client = (Readable.toWeb(sink) as ReadableStream<Uint8Array>).getReader();
    readers.push(client);
    return { sink, client };
  }

  it("writes the head first, then what the body had queued, then the rest, in order and once", async () => {
    const { orderId, eventId } = await insertOrder(t.client);
    const confirmed = await insertStatus(t.client, orderId, "confirmed");
    const body = openCustomerStream({ orderId, cursor: eventId, hub });
    // Let the body queue `retry:` and the replay before it is taken over.
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(1));
    await hub.idle();
    const heads: string[] = [];
    const { client } = takeOver(body, heads);
    expect(heads).toEqual(["head"]);
    await opened(client);
    expect(ids((await readMessages(client, (m) => m.length === 1)).messages)).toEqual([confirmed]);
    const preparing = await insertStatus(t.client, orderId, "preparing");
    wake.notify();
    expect(ids((await readMessages(client, (m) => m.length === 1)).messages)).toEqual([preparing]);
  });

  it("has no gap and no duplicate when taken over at once, during a long replay with live writes", async () => {
    const racing = racingWrites(await orderWithLongHistory());
    makeHub({ log: racing.log });
    const { client } = takeOver(openStaffStream({ cursor: 0, hub }));
    await opened(client);
    await racing.done();
    await expectEveryEvent(client);
  });

  it("replays a history larger than its limit as the client reads it (the response's drain), dropping nothing", async () => {
    await orderWithLongHistory();
    const { client } = takeOver(openStaffStream({ cursor: 0, hub, maxQueuedBytes: 8192 }));
    await opened(client);
    await expectEveryEvent(client);
  });

  it("drops a client that stops reading once the response holds more than the limit", async () => {
    const closed = vi.fn();
    const { sink } = takeOver(openStaffStream({ cursor: null, hub, maxQueuedBytes: 4096, onClose: closed }));
    await hubHasPosition(1);
    for (let i = 0; i < 60 && closed.mock.calls.length === 0; i += 1) {
      await insertOrder(t.client);
      wake.notify();
      await hub.idle();
    }
    expect(closed).toHaveBeenCalledTimes(1);
    expect(sink.destroyed).toBe(true);
    expect(hub.subscriberCount()).toBe(0);
  });

  it("leaves the hub when the client goes, also while the queued bytes are still being written", async () => {
    const { orderId } = await insertOrder(t.client);
    await insertStatus(t.client, orderId, "confirmed");
    const early = vi.fn();
    const { sink: goneAtOnce } = takeOver(openStaffStream({ cursor: 0, hub, onClose: early }));
    goneAtOnce.destroy();
    const later = vi.fn();
    const { sink: goneLater, client } = takeOver(openStaffStream({ cursor: null, hub, onClose: later }));
    await opened(client);
    await hubHasPosition(1);
    goneLater.destroy();
    await vi.waitFor(() => expect(hub.subscriberCount()).toBe(0));
    expect(early).toHaveBeenCalledTimes(1);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it("ends the response after a terminal status, and on shutdown after the hub's final bytes", async () => {
    const { orderId, eventId } = await insertOrder(t.client);
    const customer = takeOver(openCustomerStream({ orderId, cursor: eventId, hub }));
    const staff = takeOver(openStaffStream({ cursor: null, hub }));
    await opened(customer.client);
    await opened(staff.client);
    await hubHasPosition(2);
    const cancelled = await insertStatus(t.client, orderId, "cancelled");
    wake.notify();
    expect(ids((await readMessages(customer.client, (m) => m.length === 1)).messages)).toEqual([cancelled]);
    expect((await customer.client.read()).done).toBe(true);
    hub.shutdown(() => new TextEncoder().encode("retry: 300\n\n"));
    const rest = await readMessages(staff.client, () => false);
    expect(rest.done).toBe(true);
    expect(decoder.decode(rest.chunks.at(-1))).toBe("retry: 300\n\n");
    expect(staff.sink.writableEnded).toBe(true);
  });

  it("is refused for a body it did not make or that something already reads", async () => {
    const sink = new PassThrough();
    const head = vi.fn();
    expect(takeOverStream(new ReadableStream<Uint8Array>(), sink, head)).toBe(false);
    const read = openStaffStream({ cursor: null, hub });
    const r = reader(read);
    expect(takeOverStream(read, sink, head)).toBe(false);
    expect(head).not.toHaveBeenCalled();
    await r.cancel();
  });
});
