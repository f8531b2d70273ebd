/**
 * One SSE response body: `retry:`, then the replay of everything after the client's cursor, then
 * live events from the hub, with no gap and no duplicate between the two (invariant 3).
 *
 * Why registering with the hub BEFORE replaying is gap-free: once `hub.subscribe()` resolves,
 * the hub hands this stream every event with id > H, where H is the hub's cursor at that moment
 * (a read already in flight publishes after we joined, so it reaches us too). Every event with
 * id <= H was committed before the hub read it, so the replay query, which starts later, sees
 * all of them. Replay covers (cursor, R] with R >= H, live covers (H, ∞): together everything
 * after the cursor. Live events that arrive during the replay wait in a queue, and anything at
 * or below the last id sent is skipped, so the overlap (H, R] is not sent twice. Replaying
 * first and subscribing after would lose whatever committed between the two steps.
 */
import "server-only";
import { intFromEnv } from "@/lib/env";
import { RETRY_BYTES } from "./frames";
import type { Audience, Hub, HubEvent, HubMessage, Subscriber } from "./hub";

/** Queued bytes a stream may hold for a client that does not read before it is dropped. */
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
/**
 * A stream whose client has taken none of its queued bytes for this long is dropped: the socket
 * is stuck (a frozen tab, a dead peer the kernel has not noticed). Checked at each keep-alive.
 */
export function defaultStallMs(): number {
  return intFromEnv("TRACKER_STREAM_STALL_MS", 45_000);
}

export interface StreamOptions {
  /** The request's signal: a client that goes away stops being a subscriber. */
  signal?: AbortSignal;
  maxQueuedBytes?: number;
  stallMs?: number;
  /** Called once when the stream ends, however it ends (frees its slot: stream-limits.ts). */
  onClose?: () => void;
}

/** One stream: whom it is for, where its replay comes from, and how its events are encoded. */
export interface StreamSpec<E extends HubEvent> extends StreamOptions {
  hub: Hub<E>;
  audience: Audience;
  /** Replay starts after this id; null = no replay, live from the hub's position. */
  cursor: number | null;
  replay(after: number): Promise<E[]>;
  replayBatchSize: number;
  encode(event: E): Uint8Array;
  /** Customer streams end once their key's last event is sent; EventSource's reconnect then gets 204. */
  endOnTerminal: boolean;
}

/** Where a stream's bytes go. */
export interface StreamSink {
  enqueue(bytes: Uint8Array): void;
  /** Bytes handed to the sink that the client has not taken yet. */
  queuedBytes(): number;
  close(): void;
  error(error: unknown): void;
}

/** What the sink's owner tells the stream: room to write again; the client is gone. */
export interface StreamHandle {
  room(): void;
  cancel(): void;
}

/**
 * Named AbortError on purpose: Next's response pipe treats it as a disconnect (drops the socket,
 * logs nothing), and the browser's EventSource reconnects with its Last-Event-ID.
 */
function slowConsumerError(): Error {
  const error = new Error("The client did not keep up with its event stream; it resumes from its cursor.");
  error.name = "AbortError";
  return error;
}

export function attachStream<E extends HubEvent>(spec: StreamSpec<E>, sink: StreamSink): StreamHandle {
  const { hub, signal } = spec;
  const maxQueuedBytes = spec.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  const stallMs = spec.stallMs ?? defaultStallMs();
  // When a keep-alive tick first found bytes still queued; null while the client keeps up.
  let stuckSince: number | null = null;
  let closed = false;
  // The highest event id written to this stream; ids start at 1, so 0 means "none yet".
  let lastSent = 0;
  let live = false;
  // Live events that arrive while the replay runs; bounded like the stream's own queue.
  let held: HubMessage[] = [];
  let heldBytes = 0;
  let resumeReplay: (() => void) | null = null;

  const subscriber: Subscriber = {
    audience: spec.audience,
    event(message) {
      if (closed) return;
      if (live) return send(message, true);
      held.push(message);
      heldBytes += message.bytes.byteLength;
      if (heldBytes > maxQueuedBytes) drop();
    },
    keepAlive(bytes) {
      if (closed) return;
      // Only an idle connection needs one: queued bytes mean data is already on its way, or the
      // client is stuck and another comment would only grow its queue.
      if (sink.queuedBytes() === 0) {
        stuckSince = null;
        sink.enqueue(bytes);
        return;
      }
      const now = Date.now();
      stuckSince ??= now;
      if (now - stuckSince >= stallMs) drop();
    },
    close(bytes) {
      if (closed) return;
      sink.enqueue(bytes);
      end();
    },
  };

  function write(bytes: Uint8Array, bounded: boolean): void {
    sink.enqueue(bytes);
    // Past the limit the client is behind by more than it may be. Dropping it bounds memory;
    // its cursor makes that lossless.
    if (bounded && sink.queuedBytes() > maxQueuedBytes) drop();
  }

  function send(message: HubMessage, bounded: boolean): void {
    if (message.id <= lastSent) return;
    lastSent = message.id;
    write(message.bytes, bounded);
    if (!closed && spec.endOnTerminal && message.terminal) end();
  }

  function release(): boolean {
    if (closed) return false;
    closed = true;
    hub.unsubscribe(subscriber);
    signal?.removeEventListener("abort", onAbort);
    held = [];
    resumeReplay?.();
    spec.onClose?.();
    return true;
  }

  // The controller throws if the consumer already cancelled; by then there is nothing to tell.
  function end(): void {
    if (release()) {
      try {
        sink.close();
      } catch {}
    }
  }

  function fail(error: unknown): void {
    if (release()) sink.error(error);
  }

  function drop(): void {
    fail(slowConsumerError());
  }

  function onAbort(): void {
    end();
  }

  // Replay respects backpressure: it reads the next batch only when the client has room, so a
  // long history reaches a slow client without tripping the live limit.
  async function roomToWrite(): Promise<void> {
    while (!closed && sink.queuedBytes() >= maxQueuedBytes) {
      await new Promise<void>((resolve) => {
        resumeReplay = resolve;
      });
      resumeReplay = null;
    }
  }

  async function replay(): Promise<void> {
    if (spec.cursor === null) return;
    let after = spec.cursor;
    lastSent = after;
    // Nothing at or below the hub's position is newer than the client's cursor: everything it
    // lacks arrives live, so the replay query is skipped (the usual case: a page's first
    // connection resumes from the cursor it was rendered with).
    if (after >= hub.position()) return;
    for (;;) {
      await roomToWrite();
      if (closed) return;
      const batch = await spec.replay(after);
      for (const event of batch) {
        if (closed) return;
        after = event.id;
        send({ id: event.id, terminal: event.terminal, bytes: spec.encode(event) }, false);
        hub.counters.replayed[spec.audience.kind] += 1;
      }
      if (batch.length < spec.replayBatchSize) return;
    }
  }

  async function run(): Promise<void> {
    try {
      // subscribe() registers synchronously, before any await: see the comment at the top.
      await hub.subscribe(subscriber);
      await replay();
      if (closed) return;
      live = true;
      const queued = held;
      held = [];
      heldBytes = 0;
      for (const message of queued) {
        if (closed) return;
        send(message, true);
      }
    } catch (error) {
      fail(error);
    }
  }

  hub.counters.opened[spec.audience.kind] += 1;
  sink.enqueue(RETRY_BYTES);
  if (signal?.aborted) end();
  else {
    signal?.addEventListener("abort", onAbort, { once: true });
    // Not awaited: the sink must accept cancel() and reads while the replay runs.
    void run();
  }
  return {
    room() {
      resumeReplay?.();
    },
    cancel() {
      release();
    },
  };
}

export function openStream<E extends HubEvent>(spec: StreamSpec<E>): ReadableStream<Uint8Array> {
  const maxQueuedBytes = spec.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  let handle: StreamHandle;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        handle = attachStream(spec, {
          enqueue: (bytes) => controller.enqueue(bytes),
          // desiredSize = limit - queued bytes (byte-length strategy); null once errored.
          queuedBytes: () => maxQueuedBytes - (controller.desiredSize ?? 0),
          close: () => controller.close(),
          error: (error) => controller.error(error),
        });
      },
      pull() {
        handle.room();
      },
      cancel() {
        handle.cancel();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: maxQueuedBytes }),
  );
}
