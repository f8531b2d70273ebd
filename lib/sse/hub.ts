/**
 * The fan-out point between an event log and open SSE streams. One log read per wake-up, however
 * many subscribers; each event encoded once per audience; the same bytes enqueued to every
 * matching subscriber; one keep-alive ticker for all of them (invariant 6). It knows events only
 * by id: what the log holds, and who gets which bytes of it, its owner says (HubRoutes; the orders
 * layer's hub is lib/orders/event-log/hub.ts).
 */
import "server-only";
import { processStreamCounters, type StreamCounters, type StreamKind } from "./counters";
import { KEEP_ALIVE_BYTES } from "./frames";
import type { WakeSource } from "./wake";

/** Customers follow one key (their order); staff get every event. */
export type Audience = { kind: "customer"; key: string } | { kind: "staff" };

/** What the hub needs of an event: its place in the log, and whether it ends its key's streams. */
export interface HubEvent {
  id: number;
  terminal: boolean;
}

/** The log the hub follows. */
export interface HubSource<E extends HubEvent> {
  /** The highest event id in the log, 0 when it is empty. */
  latestEventId(): Promise<number>;
  /** Every event with id > cursor, oldest first, at most `limit`. */
  readEventsAfter(cursor: number, limit: number): Promise<E[]>;
}

/** Where an event goes and what each audience receives of it. */
export interface HubRoutes<E extends HubEvent> {
  /** The key whose customer subscribers get the event; null when it is for staff alone. */
  keyOf(event: E): string | null;
  customerBytes(event: E): Uint8Array;
  staffBytes(event: E): Uint8Array;
  /** When the event was written (ISO 8601): the fan-out lag is counted from it. */
  writtenAt(event: E): string;
}

/** An event as the hub hands it out. `bytes` is shared by every subscriber: read, never mutate. */
export interface HubMessage {
  id: number;
  /** The last event of its key (an order delivered or cancelled); customer streams end after it. */
  terminal: boolean;
  bytes: Uint8Array;
}

export interface Subscriber {
  readonly audience: Audience;
  /** Called synchronously, in id order; must not throw and must not block. */
  event(message: HubMessage): void;
  keepAlive(bytes: Uint8Array): void;
  /** The process is shutting down: write `bytes` (a short `retry:`) and end the stream. */
  close(bytes: Uint8Array): void;
}

export interface HubOptions<E extends HubEvent, L extends HubSource<E>> {
  log: L;
  routes: HubRoutes<E>;
  wake: WakeSource;
  /** Safety poll for writes this process is not told about (seed script, another process). */
  pollMs?: number;
  keepAliveMs?: number;
  /** Rows per read; a wake-up that finds more keeps reading until it has drained the log. */
  batchSize?: number;
  onError?: (error: unknown) => void;
  /** Where deliveries and fan-out lag are counted; the process's own by default. */
  counters?: StreamCounters;
}

export interface HubStats {
  subscribers: number;
  staff: number;
  /** Keys (orders) with at least one customer stream open. */
  orders: number;
  /** Log reads since the hub was created (tests count them). */
  reads: number;
  cursor: number;
  running: boolean;
  /** Active interval timers: 2 while running, 0 when idle, whatever the subscriber count. */
  timers: number;
  /** When (Date.now()) a log read last succeeded; null before the first (health checks read it). */
  lastReadAt: number | null;
}

export const DEFAULT_POLL_MS = 1000;
export const DEFAULT_KEEPALIVE_MS = 15_000;
export const DEFAULT_BATCH_SIZE = 200;
/**
 * Keep-alives go out in this many slices per interval, one slice per tick, each stream once per
 * interval. Writing to all 10,000 streams of the benchmark in one turn of the event loop stalled
 * every delivery behind it by ~170 ms, twice a run; a fifteenth of them costs ~10 ms.
 */
export const KEEPALIVE_SLICES = 15;

export class Hub<E extends HubEvent = HubEvent, L extends HubSource<E> = HubSource<E>> {
  /** Also what the streams on this hub replay from (their owner reads it: lib/orders/event-log/streams.ts). */
  readonly log: L;
  private readonly routes: HubRoutes<E>;
  private readonly wakeSource: WakeSource;
  readonly pollMs: number;
  private readonly keepAliveMs: number;
  private readonly batchSize: number;
  private readonly onError: (error: unknown) => void;
  /** Also where the streams on this hub count their opens and replays (stream.ts). */
  readonly counters: StreamCounters;

  private readonly customers = new Map<string, Set<Subscriber>>();
  private readonly staff = new Set<Subscriber>();
  private count = 0;

  private cursor = 0;
  private reads = 0;
  private lastReadAt: number | null = null;
  private running = false;
  private starting: Promise<void> | null = null;
  // Bumped on every start and stop, so a read or start that outlives its run cannot touch the next.
  private generation = 0;
  private reading = false;
  private wakePending = false;
  // The highest id a wake-up during a read named; Infinity when one named none (read regardless).
  private pendingUpTo = 0;
  private stopWake: (() => void) | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private keepAliveTick = 0;
  private idleWaiters: (() => void)[] = [];
  // Set by shutdown(): what to send each stream as it is closed.
  private closingBytes: (() => Uint8Array) | null = null;

  constructor(options: HubOptions<E, L>) {
    this.log = options.log;
    this.routes = options.routes;
    this.wakeSource = options.wake;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEPALIVE_MS;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.onError = options.onError ?? ((error) => console.error("[events] hub read failed", error));
    this.counters = options.counters ?? processStreamCounters();
  }

  /**
   * Registers at once (synchronously), then resolves when the hub has its cursor: every event
   * published after that goes to the subscriber. Streams replay only after it resolves, which is
   * what makes their handover gap-free (see stream.ts).
   */
  subscribe(subscriber: Subscriber): Promise<void> {
    if (this.closingBytes) {
      // A request that got past the route's check just before shutdown began: it must not hold
      // the process open.
      subscriber.close(this.closingBytes());
      return Promise.resolve();
    }
    const set = this.setFor(subscriber.audience, true);
    if (!set.has(subscriber)) {
      set.add(subscriber);
      this.count += 1;
    }
    this.starting ??= this.start();
    return this.starting;
  }

  /** Idempotent: abort and cancel may both call it. */
  unsubscribe(subscriber: Subscriber): void {
    const set = this.setFor(subscriber.audience, false);
    if (!set?.delete(subscriber)) return;
    this.count -= 1;
    if (subscriber.audience.kind === "customer" && set.size === 0) this.customers.delete(subscriber.audience.key);
    if (this.count === 0) this.stop();
  }

  /**
   * Closes every stream, each with its own `finalBytes()` (so their reconnects can be spread),
   * and any that subscribes later at once. Returns how many streams it closed.
   */
  shutdown(finalBytes: () => Uint8Array): number {
    this.closingBytes = finalBytes;
    const everyone = [...this.staff, ...[...this.customers.values()].flatMap((set) => [...set])];
    for (const subscriber of everyone) {
      try {
        subscriber.close(finalBytes());
      } catch (error) {
        this.onError(error);
      }
      // A subscriber's close normally unsubscribes it; make sure, so the hub ends idle.
      this.unsubscribe(subscriber);
    }
    return everyone.length;
  }

  /**
   * The id up to which the hub has read the log. Right after subscribe() resolves, everything
   * above it reaches the new subscriber live; only (its cursor, position] needs a replay.
   */
  position(): number {
    return this.cursor;
  }

  subscriberCount(): number {
    return this.count;
  }

  stats(): HubStats {
    return {
      subscribers: this.count,
      staff: this.staff.size,
      orders: this.customers.size,
      reads: this.reads,
      cursor: this.cursor,
      running: this.running,
      timers: this.timers.length,
      lastReadAt: this.lastReadAt,
    };
  }

  /** Resolves once no read is in flight or queued (tests wait on it instead of sleeping). */
  idle(): Promise<void> {
    if (!this.reading) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Asks for a read now (what the wake source and the poll do). With `upTo`, the wake-up is about
   * events up to that id: none is needed if the hub has read that far (on PostgreSQL, the
   * LISTEN notification of a change this process wrote and has already read).
   */
  wake(upTo?: number): void {
    if (!this.running || (upTo !== undefined && upTo <= this.cursor)) return;
    // At most one read in flight; wakes that arrive meanwhile fold into one follow-up read.
    if (this.reading) {
      this.wakePending = true;
      this.pendingUpTo = Math.max(this.pendingUpTo, upTo ?? Number.POSITIVE_INFINITY);
      return;
    }
    void this.drain();
  }

  private setFor(audience: Audience, create: true): Set<Subscriber>;
  private setFor(audience: Audience, create: false): Set<Subscriber> | undefined;
  private setFor(audience: Audience, create: boolean): Set<Subscriber> | undefined {
    if (audience.kind === "staff") return this.staff;
    let set = this.customers.get(audience.key);
    if (!set && create) {
      set = new Set();
      this.customers.set(audience.key, set);
    }
    return set;
  }

  private async start(): Promise<void> {
    const generation = ++this.generation;
    let latest: number;
    try {
      latest = await this.log.latestEventId();
    } catch (error) {
      // Let the next subscriber try again instead of inheriting a rejected start forever.
      if (generation === this.generation) this.starting = null;
      throw error;
    }
    // Everyone left while we were reading; a later subscriber starts a fresh run.
    if (generation !== this.generation) return;
    this.cursor = latest;
    this.lastReadAt = Date.now();
    this.running = true;
    this.stopWake = this.wakeSource.subscribe((upTo) => this.wake(upTo));
    this.timers = [
      setInterval(() => this.wake(), this.pollMs),
      setInterval(() => this.keepAlive(), Math.max(1, Math.floor(this.keepAliveMs / KEEPALIVE_SLICES))),
    ];
    // Timers must not keep a script or test process alive on their own.
    for (const timer of this.timers) timer.unref();
    // A write that committed between reading the cursor and subscribing to wakes sent its
    // signal to no one; one read now picks it up instead of waiting for the poll.
    this.wake();
  }

  private stop(): void {
    this.generation += 1;
    this.running = false;
    this.starting = null;
    this.stopWake?.();
    this.stopWake = null;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private async drain(): Promise<void> {
    this.reading = true;
    try {
      do {
        this.wakePending = false;
        this.pendingUpTo = 0;
        await this.readToEnd();
      } while (this.wakePending && this.running && this.pendingUpTo > this.cursor);
    } finally {
      this.reading = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async readToEnd(): Promise<void> {
    const generation = this.generation;
    for (;;) {
      let batch: E[];
      try {
        this.reads += 1;
        batch = await this.log.readEventsAfter(this.cursor, this.batchSize);
      } catch (error) {
        // The cursor has not moved, so the next wake-up or poll reads the same events again.
        this.onError(error);
        return;
      }
      if (generation !== this.generation) return;
      this.lastReadAt = Date.now();
      for (const event of batch) this.publish(event);
      if (batch.length < this.batchSize) return;
    }
  }

  private publish(event: E): void {
    this.cursor = event.id;
    this.counters.fannedOut(this.routes.writtenAt(event));
    const key = this.routes.keyOf(event);
    const customers = key === null ? undefined : this.customers.get(key);
    // Encode only for audiences that are listening; then once, whatever their number.
    if (customers && customers.size > 0) {
      this.deliver(customers, { id: event.id, terminal: event.terminal, bytes: this.routes.customerBytes(event) }, "customer");
    }
    if (this.staff.size > 0) {
      this.deliver(this.staff, { id: event.id, terminal: event.terminal, bytes: this.routes.staffBytes(event) }, "staff");
    }
  }

  // A subscriber may leave while we iterate (a finished order, a slow consumer): deleting from
  // a Set during for...of is well defined and skips nothing else.
  private deliver(subscribers: Set<Subscriber>, message: HubMessage, kind: StreamKind): void {
    let handed = 0;
    for (const subscriber of subscribers) {
      try {
        subscriber.event(message);
        handed += 1;
      } catch (error) {
        this.onError(error);
      }
    }
    this.counters.delivered[kind] += handed;
  }

  /**
   * One slice: the subscribers at positions [from, to) in iteration order. Joins and leaves shift
   * positions, so a stream may now and then get two keep-alives in an interval, or wait two.
   */
  private keepAlive(): void {
    const slice = this.keepAliveTick++ % KEEPALIVE_SLICES;
    const size = Math.ceil(this.count / KEEPALIVE_SLICES);
    const from = slice * size;
    const to = from + size;
    let position = 0;
    // False once past the slice. A whole set before the slice is skipped by its size.
    const visit = (subscribers: Set<Subscriber>): boolean => {
      if (position + subscribers.size <= from) {
        position += subscribers.size;
        return true;
      }
      for (const subscriber of subscribers) {
        if (position >= to) return false;
        if (position++ >= from) subscriber.keepAlive(KEEP_ALIVE_BYTES);
      }
      return true;
    };
    if (!visit(this.staff)) return;
    for (const set of this.customers.values()) if (!visit(set)) return;
  }
}
