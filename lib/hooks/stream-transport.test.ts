import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PollAnswer } from "@/lib/orders/types";
import type { ConnectionState } from "./connection-state";
import {
  CONNECT_TIMEOUT_MS,
  MAX_SSE_FAILURES,
  openTransport,
  POLL_INTERVAL_MS,
  POLL_LIMIT,
  SSE_RETRY_MS,
  VERIFY_FIRST_MS,
  VERIFY_GRACE_MS,
  type EventSourceLike,
  type WakeEvents,
} from "./stream-transport";
import { OrderedDelivery } from "./ordered-delivery";

class FakeEventSource implements EventSourceLike {
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  fail(closed = false): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event("error"));
  }
  send(id: number): void {
    this.listeners.get("order.status")?.(new MessageEvent("order.status", { data: JSON.stringify({ id }), lastEventId: String(id) }));
  }
}

const latest = () => FakeEventSource.made.at(-1);
const openSources = () => FakeEventSource.made.filter((es) => es.readyState !== 2);

function setup({ withEventSource = true, startAt = 0 as number | null, log = [] as number[] } = {}) {
  let pollFails = false;
  const polls: number[] = [];
  const states: ConnectionState[] = [];
  const delivered: number[] = [];
  let wake: WakeEvents = { wake() {}, offline() {} };
  const delivery = new OrderedDelivery(
    startAt,
    (message) => delivered.push(message.id),
    () => {
      throw new Error("one connection never leaves a gap");
    },
  );
  const stop = openTransport({
    path: "/api/track/t/events",
    eventNames: ["order.status"],
    cursor: () => delivery.cursor,
    isFinished: () => false,
    sink: { event: (message, prev) => delivery.offer(message, prev), state: (state) => states.push(state) },
    EventSource: withEventSource ? FakeEventSource : undefined,
    async poll(after): Promise<PollAnswer<unknown>> {
      polls.push(after);
      if (pollFails) throw new Error("unreachable");
      const events = log.filter((id) => id > after).slice(0, POLL_LIMIT).map((id) => ({ id, event: "order.status" as const, data: { id } }));
      return { events, cursor: events.at(-1)?.id ?? after, finished: false };
    },
    watchWake(events) {
      wake = events;
      return () => {};
    },
    random: () => 0,
  });
  return {
    log,
    polls,
    states,
    delivered,
    stop,
    wake: () => wake,
    failPolls: (fail: boolean) => (pollFails = fail),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.made = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe("openTransport", () => {
  it("streams from the cursor, and resumes from the newest id after a wake", async () => {
    const t = setup({ startAt: 4 });
    expect(latest()?.url).toBe("/api/track/t/events?lastEventId=4");
    latest()?.open();
    latest()?.send(5);
    latest()?.send(6);
    expect(t.delivered).toEqual([5, 6]);
    expect(t.states.at(-1)).toBe("live");
    t.wake().wake();
    expect(FakeEventSource.made).toHaveLength(2);
    expect(latest()?.url).toBe("/api/track/t/events?lastEventId=6");
    expect(openSources()).toHaveLength(1);
    t.stop();
  });

  it("opens the bare path without a cursor, and resumes after the first event it gets", async () => {
    const t = setup({ startAt: null });
    expect(latest()?.url).toBe("/api/track/t/events");
    latest()?.open();
    latest()?.send(1);
    t.wake().wake();
    expect(latest()?.url).toBe("/api/track/t/events?lastEventId=1");
    t.stop();
  });

  it("resumes after a cursor of 0 (the stream's start is a cursor too)", async () => {
    const t = setup({ startAt: 0 });
    expect(latest()?.url).toBe("/api/track/t/events?lastEventId=0");
    t.stop();
  });

  it("polls where there is no EventSource, at once again after a full answer", async () => {
    const t = setup({ withEventSource: false, log: Array.from({ length: POLL_LIMIT + 2 }, (_, i) => i + 1) });
    await vi.advanceTimersByTimeAsync(1);
    expect(t.polls).toEqual([0, POLL_LIMIT]);
    expect(t.delivered).toHaveLength(POLL_LIMIT + 2);
    expect(t.states.at(-1)).toBe("polling");
    t.log.push(POLL_LIMIT + 3);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(t.delivered.at(-1)).toBe(POLL_LIMIT + 3);
    t.stop();
  });

  it("falls back to polling when the stream keeps failing but the poll gets through, and returns to the stream", async () => {
    const t = setup();
    for (let i = 0; i < MAX_SSE_FAILURES; i += 1) {
      latest()?.fail(true);
      // Past the retry's backoff (random 0: half its ceiling), short of a connect timeout.
      await vi.advanceTimersByTimeAsync(2_000);
    }
    expect(t.states).toContain("polling");
    const sourcesWhilePolling = FakeEventSource.made.length;
    t.log.push(1, 2);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(t.delivered).toEqual([1, 2]);
    expect(openSources()).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(SSE_RETRY_MS - POLL_INTERVAL_MS);
    expect(FakeEventSource.made.length).toBe(sourcesWhilePolling + 1);
    expect(latest()?.url).toBe("/api/track/t/events?lastEventId=2");
    latest()?.open();
    expect(t.states.at(-1)).toBe("live");
    const pollsWhenLive = t.polls.length;
    latest()?.send(3);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 3);
    expect(t.polls.length).toBe(pollsWhenLive);
    expect(t.delivered).toEqual([1, 2, 3]);
    t.stop();
  });

  it("keeps retrying the stream, not polling, while the server answers nothing at all", async () => {
    const t = setup();
    t.failPolls(true);
    for (let i = 0; i < MAX_SSE_FAILURES * 2; i += 1) {
      latest()?.fail(true);
      await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS - 1);
    }
    expect(t.states).not.toContain("polling");
    expect(t.states.at(-1)).toBe("reconnecting");
    expect(t.polls.length).toBeGreaterThan(0);
    t.stop();
  });

  it("notices a stream that opens but holds events back, and polls instead", async () => {
    const t = setup();
    latest()?.open();
    t.log.push(1, 2);
    await vi.advanceTimersByTimeAsync(VERIFY_FIRST_MS);
    expect(t.delivered).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(VERIFY_GRACE_MS);
    expect(t.states.at(-1)).toBe("polling");
    expect(openSources()).toHaveLength(0);
    t.stop();
  });

  it("keeps a silent stream that proves fine, checking it less and less often", async () => {
    const t = setup();
    latest()?.open();
    await vi.advanceTimersByTimeAsync(VERIFY_FIRST_MS);
    expect(t.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(VERIFY_FIRST_MS);
    expect(t.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(VERIFY_FIRST_MS);
    expect(t.polls).toHaveLength(2);
    expect(t.states.at(-1)).toBe("live");
    expect(openSources()).toHaveLength(1);
    t.stop();
  });

  it("drops the connection while offline and resumes from the cursor when back", async () => {
    const t = setup();
    latest()?.open();
    latest()?.send(1);
    t.wake().offline();
    expect(t.states.at(-1)).toBe("offline");
    expect(openSources()).toHaveLength(0);
    t.wake().wake();
    expect(latest()?.url).toBe("/api/track/t/events?lastEventId=1");
    latest()?.open();
    expect(t.states.at(-1)).toBe("live");
    t.stop();
    expect(openSources()).toHaveLength(0);
  });
});
