/**
 * One stream per browser: the tabs that want the same stream (lib/hooks/stream-url.ts's key)
 * elect a leader with a Web Lock, held while the tab is subscribed. Only the leader connects
 * (lib/hooks/stream-transport.ts); it re-broadcasts every event and its connection state on a
 * BroadcastChannel of the same name. When it closes or unsubscribes, the lock passes to a waiting
 * tab, which connects from its own cursor. So eight staff tabs hold one connection, not eight
 * (HTTP/1.1 allows six per host: the seventh tab would stall).
 *
 * A tab joins at its own cursor (the server-rendered page's). It buffers broadcasts while one
 * poll catches it up, then delivers in id order; OrderedDelivery drops what it already has and
 * notices when a broadcast starts past its cursor (it catches up again). Without Web Locks or
 * BroadcastChannel each tab connects on its own.
 */
import type { PollAnswer } from "@/lib/orders/types";
import type { ConnectionState } from "./connection-state";
import { OrderedDelivery, type StreamMessage } from "./ordered-delivery";
import { backoffDelay, POLL_LIMIT, type TransportSink } from "./stream-transport";

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<void> | undefined,
  ): Promise<unknown>;
}

/** A BroadcastChannel, as used here. */
export interface ChannelLike {
  postMessage(message: ChannelMessage): void;
  listen(listener: (data: unknown) => void): void;
  close(): void;
}

export function browserChannel(name: string): ChannelLike {
  const channel = new BroadcastChannel(name);
  return {
    postMessage: (message) => channel.postMessage(message),
    listen(listener) {
      channel.onmessage = (event) => listener(event.data);
    },
    close: () => channel.close(),
  };
}

export type ChannelMessage =
  | { type: "event"; message: StreamMessage; prev: number | null }
  | { type: "state"; state: ConnectionState }
  | { type: "hello" };

export interface SharedStreamOptions {
  key: string;
  cursor: number | null;
  deliver(message: StreamMessage): void;
  state(state: ConnectionState): void;
  /** Opens this tab's own connection (when it leads, or always without locks or channels). */
  connect(cursor: () => number | null, sink: TransportSink): () => void;
  poll(after: number, signal: AbortSignal): Promise<PollAnswer<unknown>>;
  locks: LockManagerLike | undefined;
  channel: ((name: string) => ChannelLike) | undefined;
  random?: () => number;
}

function isChannelMessage(value: unknown): value is ChannelMessage {
  if (typeof value !== "object" || value === null || !("type" in value)) return false;
  return value.type === "event" || value.type === "state" || value.type === "hello";
}

/** Subscribes this tab; the returned function unsubscribes it (and hands the lead on). */
export function shareStream(options: SharedStreamOptions): () => void {
  const { locks } = options;
  let disposed = false;
  const pollAbort = new AbortController();
  let catchingUp = false;
  let catchUpTimer: ReturnType<typeof setTimeout> | undefined;

  const delivery = new OrderedDelivery(options.cursor, options.deliver, () => void catchUp());

  // One poll (or several, while answers are full) from the cursor, then the held broadcasts.
  async function catchUp(): Promise<void> {
    if (catchingUp || disposed) return;
    const from = delivery.cursor;
    if (from === null) return;
    catchingUp = true;
    const mark = delivery.hold();
    for (let attempt = 0; !disposed; ) {
      try {
        const answer = await options.poll(delivery.cursor ?? from, pollAbort.signal);
        if (disposed) return;
        delivery.apply(answer.events);
        if (answer.events.length >= POLL_LIMIT) continue;
        break;
      } catch {
        if (disposed) return;
        await new Promise((resolve) => (catchUpTimer = setTimeout(resolve, backoffDelay(attempt++, options.random))));
      }
    }
    catchingUp = false;
    if (!disposed) delivery.release(mark);
  }

  const channel = locks ? options.channel?.(options.key) : undefined;
  if (!locks || !channel) {
    const close = options.connect(() => delivery.cursor, {
      event: (message, prev) => delivery.offer(message, prev),
      state: options.state,
    });
    return () => {
      disposed = true;
      close();
    };
  }

  let leading = false;
  let leaderState: ConnectionState = "connecting";
  let closeTransport: (() => void) | null = null;
  let releaseLock: (() => void) | null = null;

  channel.listen((data) => {
    if (disposed || !isChannelMessage(data)) return;
    if (data.type === "hello") {
      if (leading) channel.postMessage({ type: "state", state: leaderState });
      return;
    }
    if (leading) return;
    if (data.type === "event") delivery.offer(data.message, data.prev);
    else options.state(data.state);
  });

  // Held until this tab unsubscribes; resolving the promise hands the lead to a waiting tab.
  const lead = (): Promise<void> => {
    if (disposed) return Promise.resolve();
    leading = true;
    closeTransport = options.connect(() => delivery.cursor, {
      event(message, prev) {
        channel.postMessage({ type: "event", message, prev });
        delivery.offer(message, prev);
      },
      state(state) {
        leaderState = state;
        channel.postMessage({ type: "state", state });
        options.state(state);
      },
    });
    return new Promise<void>((resolve) => (releaseLock = resolve));
  };

  const lockAbort = new AbortController();
  // First ask without waiting: the first tab leads at once and needs no catch-up (its own stream
  // starts at its cursor); a tab that finds a leader catches up, then queues for the lock.
  // (The spec refuses a signal together with ifAvailable; this request settles at once anyway.)
  locks
    .request(options.key, { ifAvailable: true }, (lock) => {
      if (lock) return lead();
      if (disposed) return undefined;
      channel.postMessage({ type: "hello" });
      void catchUp();
      locks
        .request(options.key, { signal: lockAbort.signal }, lead)
        // Aborted while waiting: this tab unsubscribed before it ever led.
        .catch(() => undefined);
      return undefined;
    })
    .catch(() => undefined);

  return () => {
    disposed = true;
    clearTimeout(catchUpTimer);
    pollAbort.abort();
    lockAbort.abort();
    closeTransport?.();
    releaseLock?.();
    channel.close();
  };
}
