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
import type { Audience, Hub, HubEvent, HubMessage, HubSource, Subscriber } from "./hub";

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
  /** A client that goes away stops being a subscriber when this aborts. */
  signal?: AbortSignal;
  maxQueuedBytes?: number;
  stallMs?: number;
  /** Called once when the stream ends, however it ends (frees its slot: stream-limits.ts). */
  onClose?: () => void;
}

/**
 * What differs between kinds of stream (where the replay comes from, how events are encoded,
 * whether the stream ends with its key): one object per kind, shared by every stream of it.
 */
export interface StreamKind<E extends HubEvent, L extends HubSource<E>, A extends Audience> {
  /** Events after `after` for this audience, oldest first, at most `replayBatchSize` of them. */
  replay(log: L, audience: A, after: number): Promise<E[]>;
  replayBatchSize: number;
  encode(event: E): Uint8Array;
  /** Customer streams end once their key's last event is sent; EventSource's reconnect then gets 204. */
  endOnTerminal: boolean;
}

/** One stream: its kind, the hub it follows, whom it is for, and where its replay starts. */
export interface StreamTarget<E extends HubEvent, L extends HubSource<E>, A extends Audience> {
  kind: StreamKind<E, L, A>;
  hub: Hub<E, L>;
  audience: A;
  /** Replay starts after this id; null = no replay, live from the hub's position. */
  cursor: number | null;
}

/**
 * Where a taken-over stream writes (takeOverStream): the part of Node's `ServerResponse` it uses.
 * `writableLength` counts what the response and its socket still hold.
 */
export interface NodeSink {
  write(chunk: Uint8Array): boolean;
  end(): void;
  destroy(error?: Error): void;
  readonly writableLength: number;
  once(event: "drain" | "close", listener: () => void): unknown;
  off(event: "drain" | "close", listener: () => void): unknown;
}

// Every body openStream made, until a server takes one over: the key is the ReadableStream the
// route handler returned, the value its source.
const takeOvers = new WeakMap<ReadableStream<Uint8Array>, { takeOver(reader: ReadableStreamDefaultReader<Uint8Array>, sink: NodeSink): Promise<void> }>();

/**
 * A server that writes to Node's response itself (server.ts's hot paths, lib/server/front-door.ts)
 * hands a route handler's stream body its response here, and the stream writes its frames straight
 * to it from then on: the same bytes in the same order, without a web-stream read, a promise and
 * a queue per chunk per stream (docs/decisions/020). False, and nothing taken, for a body this
 * module did not make or that something already reads; the caller then pipes it as any body.
 * `writeHead` writes the response's head, before any of the stream's bytes.
 */
export function takeOverStream(body: ReadableStream<Uint8Array> | null, sink: NodeSink, writeHead: () => void): boolean {
  const source = body ? takeOvers.get(body) : undefined;
  if (!body || !source || body.locked) return false;
  takeOvers.delete(body);
  writeHead();
  void source.takeOver(body.getReader(), sink);
  return true;
}

// A queuing strategy holds no state: streams with the default limit share one.
const DEFAULT_STRATEGY = new ByteLengthQueuingStrategy({ highWaterMark: DEFAULT_MAX_QUEUED_BYTES });

/** The stream as a response body: `retry:`, the replay, then live events. */
export function openStream<E extends HubEvent, L extends HubSource<E>, A extends Audience>(
  target: StreamTarget<E, L, A>,
  options: StreamOptions = {},
): ReadableStream<Uint8Array> {
  const maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  const strategy =
    maxQueuedBytes === DEFAULT_MAX_QUEUED_BYTES ? DEFAULT_STRATEGY : new ByteLengthQueuingStrategy({ highWaterMark: maxQueuedBytes });
  const source = new EventStream(target, options, maxQueuedBytes);
  const body = new ReadableStream<Uint8Array>(source, strategy);
  takeOvers.set(body, source);
  return body;
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

/**
 * The body's source and the hub's subscriber in one object, its steps as methods: ten thousand
 * open streams are ten thousand of these, so a stream holds fields, not a closure per step.
 */
class EventStream<E extends HubEvent, L extends HubSource<E>, A extends Audience> implements UnderlyingDefaultSource<Uint8Array>, Subscriber, EventListenerObject {
  private readonly kind: StreamKind<E, L, A>;
  private readonly hub: Hub<E, L>;
  readonly audience: A;
  private readonly cursor: number | null;
  private readonly stallMs: number;
  private readonly signal: AbortSignal | undefined;
  private readonly onClose: (() => void) | undefined;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  // Once a server has taken the stream over, its response: bytes go there, not to `controller`.
  private sink: NodeSink | null = null;
  // The body's reader while the take-over reads out what was queued before it.
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  // When a keep-alive tick first found bytes still queued; null while the client keeps up.
  private stuckSince: number | null = null;
  private closed = false;
  // The highest event id written to this stream; ids start at 1, so 0 means "none yet".
  private lastSent = 0;
  private live = false;
  // Live events that arrive while the replay runs; bounded like the stream's own queue.
  private held: HubMessage[] | null = null;
  private heldBytes = 0;
  private resumeReplay: (() => void) | null = null;

  constructor(
    target: StreamTarget<E, L, A>,
    options: StreamOptions,
    private readonly maxQueuedBytes: number,
  ) {
    this.kind = target.kind;
    this.hub = target.hub;
    this.audience = target.audience;
    this.cursor = target.cursor;
    this.stallMs = options.stallMs ?? defaultStallMs();
    this.signal = options.signal;
    this.onClose = options.onClose;
  }

  // The body's side: the response reads, has room again, or goes away.

  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
    this.hub.counters.opened[this.audience.kind] += 1;
    controller.enqueue(RETRY_BYTES);
    if (this.signal?.aborted) return this.end();
    // The stream itself is the listener (`handleEvent`): no closure per stream.
    this.signal?.addEventListener("abort", this, { once: true });
    // Not awaited: the body must accept cancel() and reads while the replay runs.
    void this.run();
  }

  pull(): void {
    this.resumeReplay?.();
  }

  cancel(): void {
    this.release();
  }

  /** The request's signal aborted: the client is gone. */
  handleEvent(): void {
    this.end();
  }

  // The taken-over side (takeOverStream): the response is the body's reader from now on.

  /**
   * What the body queued before the take-over (`retry:`, maybe a replay's first events) is read
   * out and written first; until that queue is empty, new bytes still join it, so the order holds.
   * The switch to the response happens in the same tick as the read that emptied the queue.
   */
  async takeOver(reader: ReadableStreamDefaultReader<Uint8Array>, sink: NodeSink): Promise<void> {
    this.reader = reader;
    sink.once("close", this.sinkClosed);
    try {
      while (this.closed || this.queuedBytes() > 0) {
        const { done, value } = await reader.read();
        if (done) return sink.end();
        sink.write(value);
      }
    } catch (error) {
      // The body errored (a slow client dropped): as any adapter would, so does the response.
      return sink.destroy(error instanceof Error ? error : undefined);
    } finally {
      this.reader = null;
    }
    this.sink = sink;
    this.controller = null;
  }

  // Bound once, not a closure per call: the response's `close` and `drain` listeners. A client
  // that goes while the queue is still being read out cancels the body, which ends that read.
  private readonly sinkClosed = (): void => {
    this.reader?.cancel().catch(() => {});
    this.release();
  };

  private readonly sinkDrained = (): void => {
    this.resumeReplay?.();
  };

  // The hub's side.

  event(message: HubMessage): void {
    if (this.closed) return;
    if (this.live) return this.send(message, true);
    (this.held ??= []).push(message);
    this.heldBytes += message.bytes.byteLength;
    if (this.heldBytes > this.maxQueuedBytes) this.drop();
  }

  keepAlive(bytes: Uint8Array): void {
    if (this.closed) return;
    // Only an idle connection needs one: queued bytes mean data is already on its way, or the
    // client is stuck and another comment would only grow its queue.
    if (this.queuedBytes() === 0) {
      this.stuckSince = null;
      this.enqueue(bytes);
      return;
    }
    const now = Date.now();
    this.stuckSince ??= now;
    if (now - this.stuckSince >= this.stallMs) this.drop();
  }

  close(bytes: Uint8Array): void {
    if (this.closed) return;
    this.enqueue(bytes);
    this.end();
  }

  // Its own steps.

  private enqueue(bytes: Uint8Array): void {
    if (this.sink) this.sink.write(bytes);
    else this.controller?.enqueue(bytes);
  }

  /**
   * Bytes written that the client has not taken yet: what the response holds once taken over,
   * else the body's queue (desiredSize = limit - queued; null once errored).
   */
  private queuedBytes(): number {
    if (this.sink) return this.sink.writableLength;
    return this.maxQueuedBytes - (this.controller?.desiredSize ?? 0);
  }

  private write(bytes: Uint8Array, bounded: boolean): void {
    this.enqueue(bytes);
    // Past the limit the client is behind by more than it may be. Dropping it bounds memory;
    // its cursor makes that lossless.
    if (bounded && this.queuedBytes() > this.maxQueuedBytes) this.drop();
  }

  private send(message: HubMessage, bounded: boolean): void {
    if (message.id <= this.lastSent) return;
    this.lastSent = message.id;
    this.write(message.bytes, bounded);
    if (!this.closed && this.kind.endOnTerminal && message.terminal) this.end();
  }

  private release(): boolean {
    if (this.closed) return false;
    this.closed = true;
    this.hub.unsubscribe(this);
    this.signal?.removeEventListener("abort", this);
    this.held = null;
    this.resumeReplay?.();
    this.sink?.off("close", this.sinkClosed);
    this.sink?.off("drain", this.sinkDrained);
    this.onClose?.();
    return true;
  }

  // The controller throws if the consumer already cancelled; by then there is nothing to tell.
  private end(): void {
    if (!this.release()) return;
    if (this.sink) return this.sink.end();
    try {
      this.controller?.close();
    } catch {}
  }

  private fail(error: unknown): void {
    if (!this.release()) return;
    if (this.sink) this.sink.destroy(error instanceof Error ? error : undefined);
    else this.controller?.error(error);
  }

  private drop(): void {
    this.fail(slowConsumerError());
  }

  // Replay respects backpressure: it reads the next batch only when the client has room, so a
  // long history reaches a slow client without tripping the live limit.
  private async roomToWrite(): Promise<void> {
    while (!this.closed && this.queuedBytes() >= this.maxQueuedBytes) {
      await new Promise<void>((resolve) => {
        this.resumeReplay = resolve;
        // Taken over, room comes back with the response's drain, not with a pull.
        this.sink?.once("drain", this.sinkDrained);
      });
      this.resumeReplay = null;
    }
  }

  private async replay(): Promise<void> {
    if (this.cursor === null) return;
    let after = this.cursor;
    this.lastSent = after;
    // Nothing at or below the hub's position is newer than the client's cursor: everything it
    // lacks arrives live, so the replay query is skipped (the usual case: a page's first
    // connection resumes from the cursor it was rendered with).
    if (after >= this.hub.position()) return;
    for (;;) {
      await this.roomToWrite();
      if (this.closed) return;
      const batch = await this.kind.replay(this.hub.log, this.audience, after);
      for (const event of batch) {
        if (this.closed) return;
        after = event.id;
        this.send({ id: event.id, terminal: event.terminal, bytes: this.kind.encode(event) }, false);
        this.hub.counters.replayed[this.audience.kind] += 1;
      }
      if (batch.length < this.kind.replayBatchSize) return;
    }
  }

  private async run(): Promise<void> {
    try {
      // subscribe() registers synchronously, before any await: see the comment at the top.
      await this.hub.subscribe(this);
      await this.replay();
      if (this.closed) return;
      this.live = true;
      const queued = this.held ?? [];
      this.held = null;
      this.heldBytes = 0;
      for (const message of queued) {
        if (this.closed) return;
        this.send(message, true);
      }
    } catch (error) {
      this.fail(error);
    }
  }
}
