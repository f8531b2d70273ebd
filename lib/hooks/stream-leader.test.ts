import { describe, expect, it } from "vitest";
import type { PollAnswer } from "@/lib/orders/types";
import type { ConnectionState } from "./connection-state";
import type { StreamMessage } from "./ordered-delivery";
import { shareStream, type ChannelLike, type ChannelMessage, type LockManagerLike } from "./stream-leader";
import type { TransportSink } from "./stream-transport";

/** One lock name's queue, as navigator.locks keeps it: granted in request order, one at a time. */
function fakeLocks(): LockManagerLike {
  const queue: { grant: () => void }[] = [];
  let held = false;
  const next = () => {
    const waiter = queue.shift();
    if (waiter) waiter.grant();
  };
  return {
    request(_name, options, callback) {
      if (options.ifAvailable && (held || queue.length > 0)) return Promise.resolve(callback(null));
      return new Promise((resolve, reject) => {
        const waiter = {
          grant: () => {
            held = true;
            void Promise.resolve(callback({})).then(() => {
              held = false;
              resolve(undefined);
              next();
            });
          },
        };
        options.signal?.addEventListener("abort", () => {
          const at = queue.indexOf(waiter);
          if (at >= 0) {
            queue.splice(at, 1);
            reject(new DOMException("aborted", "AbortError"));
          }
        });
        queue.push(waiter);
        if (!held && queue.length === 1) next();
      });
    },
  };
}

/** A BroadcastChannel bus: every other open channel gets each message, asynchronously. */
function fakeBus() {
  const channels = new Set<{ listener: (data: unknown) => void }>();
  return (): ChannelLike => {
    const self: { listener: (data: unknown) => void } = { listener: () => {} };
    channels.add(self);
    return {
      postMessage(message: ChannelMessage) {
        const copy = structuredClone(message);
        for (const other of channels) if (other !== self) queueMicrotask(() => other.listener(copy));
      },
      listen(listener) {
        self.listener = listener;
      },
      close() {
        channels.delete(self);
      },
    };
  };
}

/** The server's log of one stream, and the connections tabs open to it. */
function fakeServer() {
  const log: StreamMessage[] = [];
  const connections: { from: number | null; sink: TransportSink; closed: boolean; prev: number | null }[] = [];
  return {
    log,
    connections,
    open: () => connections.filter((c) => !c.closed),
    append(id: number) {
      const message = { id, event: "order.status", data: { id } };
      log.push(message);
      for (const c of connections) {
        if (c.closed || (c.from !== null && id <= c.from)) continue;
        c.sink.event(message, c.prev);
        c.prev = id;
      }
    },
    connect(cursor: () => number | null, sink: TransportSink) {
      const from = cursor();
      const connection = { from, sink, closed: false, prev: from };
      connections.push(connection);
      // Replay, as the stream does, then live.
      for (const message of log) {
        if (from !== null && message.id <= from) continue;
        sink.event(message, connection.prev);
        connection.prev = message.id;
      }
      sink.state("live");
      return () => {
        connection.closed = true;
      };
    },
    async poll(after: number): Promise<PollAnswer<unknown>> {
      await Promise.resolve();
      const events = log.filter((m) => m.id > after).map((m) => ({ id: m.id, event: "order.status" as const, data: m.data }));
      return { events, cursor: events.at(-1)?.id ?? after, finished: false };
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function tab(server: ReturnType<typeof fakeServer>, cursor: number, env: { locks?: LockManagerLike; channel?: (name: string) => ChannelLike }) {
  const delivered: number[] = [];
  const states: ConnectionState[] = [];
  const close = shareStream({
    key: "k",
    cursor,
    deliver: (message) => delivered.push(message.id),
    state: (state) => states.push(state),
    connect: server.connect,
    poll: server.poll,
    locks: env.locks,
    channel: env.channel,
  });
  return { delivered, states, close };
}

describe("shareStream", () => {
  it("gives many tabs one connection; each gets every event once, in order, from its own cursor", async () => {
    const server = fakeServer();
    const env = { locks: fakeLocks(), channel: fakeBus() };
    server.append(1);
    server.append(2);
    const first = tab(server, 2, env);
    await settle();
    server.append(3);
    // Joins at cursor 1 (its page was rendered before event 2): it catches up with a poll.
    const second = tab(server, 1, env);
    const third = tab(server, 3, env);
    await settle();
    server.append(4);
    server.append(5);
    await settle();
    expect(server.connections).toHaveLength(1);
    expect(first.delivered).toEqual([3, 4, 5]);
    expect(second.delivered).toEqual([2, 3, 4, 5]);
    expect(third.delivered).toEqual([4, 5]);
    expect(second.states.at(-1)).toBe("live");
    for (const t of [first, second, third]) t.close();
  });

  it("catches a joining tab up at once, even when no event follows", async () => {
    const server = fakeServer();
    const env = { locks: fakeLocks(), channel: fakeBus() };
    server.append(1);
    server.append(2);
    server.append(3);
    const leader = tab(server, 3, env);
    await settle();
    const late = tab(server, 1, env);
    await settle();
    expect(late.delivered).toEqual([2, 3]);
    expect(server.connections).toHaveLength(1);
    leader.close();
    late.close();
  });

  it("hands the connection to a waiting tab when the leader leaves; it connects from its own cursor", async () => {
    const server = fakeServer();
    const env = { locks: fakeLocks(), channel: fakeBus() };
    const leader = tab(server, 0, env);
    const follower = tab(server, 0, env);
    await settle();
    server.append(1);
    await settle();
    leader.close();
    await settle();
    expect(server.connections).toHaveLength(2);
    expect(server.open()).toHaveLength(1);
    expect(server.connections[1]?.from).toBe(1);
    server.append(2);
    await settle();
    expect(follower.delivered).toEqual([1, 2]);
    follower.close();
  });

  it("catches up when a broadcast starts past its cursor (a new leader connected further on)", async () => {
    const server = fakeServer();
    const env = { locks: fakeLocks(), channel: fakeBus() };
    const leader = tab(server, 0, env);
    await settle();
    const follower = tab(server, 0, env);
    await settle();
    // The follower misses 1 and 2 (as if it had been frozen); the leader's next broadcast says
    // it follows 2, so the follower polls for what it lacks before delivering 3.
    const connection = server.connections[0];
    if (!connection) throw new Error("no connection");
    server.log.push({ id: 1, event: "order.status", data: {} }, { id: 2, event: "order.status", data: {} });
    connection.prev = 2;
    server.append(3);
    await settle();
    expect(follower.delivered).toEqual([1, 2, 3]);
    leader.close();
    follower.close();
  });

  it("connects on its own where Web Locks or BroadcastChannel are missing", async () => {
    const server = fakeServer();
    const a = tab(server, 0, { channel: fakeBus() });
    const b = tab(server, 0, { locks: fakeLocks() });
    server.append(1);
    await settle();
    expect(server.connections).toHaveLength(2);
    expect(a.delivered).toEqual([1]);
    expect(b.delivered).toEqual([1]);
    a.close();
    b.close();
    expect(server.open()).toHaveLength(0);
  });
});
