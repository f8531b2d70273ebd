/**
 * Hands a tab's events to its handlers exactly once and in id order, whatever mix of sources
 * they come from: its own stream, another tab's broadcasts, catch-up polls. Pure: no browser API.
 *
 * Every offered event carries `prev`, the id before it on the connection it came over (or that
 * connection's starting cursor). An event whose `prev` is past our cursor means events were
 * missed in between (we joined late, or a new leader started its stream further on): it is held,
 * and `onGap` asks the owner to catch up with a poll (`hold` → `apply` → `release`).
 */

export interface StreamMessage {
  id: number;
  event: string;
  data: unknown;
}

interface Held {
  message: StreamMessage;
  prev: number | null;
  /** Arrival order: what arrived before a catch-up poll was sent is covered by its answer. */
  seq: number;
}

export class OrderedDelivery {
  #cursor: number | null;
  #holding = false;
  #held = new Map<number, Held>();
  #seq = 0;
  readonly #deliver: (message: StreamMessage) => void;
  readonly #onGap: () => void;

  /** `cursor` null: the tab has no position yet, so it takes what comes and never detects a gap. */
  constructor(cursor: number | null, deliver: (message: StreamMessage) => void, onGap: () => void) {
    this.#cursor = cursor;
    this.#deliver = deliver;
    this.#onGap = onGap;
  }

  /** The id of the last event delivered (or the starting cursor). */
  get cursor(): number | null {
    return this.#cursor;
  }

  get holding(): boolean {
    return this.#holding;
  }

  offer(message: StreamMessage, prev: number | null): void {
    this.#offer({ message, prev, seq: ++this.#seq }, false);
  }

  /** Starts buffering; returns the mark to pass to `release` once the catch-up poll's answer is applied. */
  hold(): number {
    this.#holding = true;
    return this.#seq;
  }

  /** A catch-up answer: every event after the cursor up to its last one, so no gap check applies. */
  apply(messages: readonly StreamMessage[]): void {
    for (const message of [...messages].sort((a, b) => a.id - b.id)) this.#accept(message);
  }

  /**
   * Ends a hold: delivers what was buffered, in id order. Events that arrived before `mark` (taken
   * when the poll was sent) committed before the poll read the log, so its answer covered up to
   * them; later ones are checked for a gap again.
   */
  release(mark: number): void {
    this.#holding = false;
    const pending = [...this.#held.values()].sort((a, b) => a.message.id - b.message.id);
    this.#held.clear();
    for (const held of pending) this.#offer(held, held.seq <= mark);
  }

  #offer(held: Held, covered: boolean): void {
    if (this.#cursor !== null && held.message.id <= this.#cursor) return;
    if (this.#holding) {
      this.#held.set(held.message.id, held);
      return;
    }
    if (!covered && this.#cursor !== null && held.prev !== null && held.prev > this.#cursor) {
      this.#held.set(held.message.id, held);
      this.#holding = true;
      this.#onGap();
      return;
    }
    this.#accept(held.message);
  }

  #accept(message: StreamMessage): void {
    if (this.#cursor !== null && message.id <= this.#cursor) return;
    this.#cursor = message.id;
    this.#deliver(message);
  }
}
