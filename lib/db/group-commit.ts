/**
 * Group commit: writes that arrive while a transaction is committing share the next one.
 *
 * On SQLite every commit is an fsync (`synchronous = FULL`, lib/db/sqlite-statements.ts), and
 * better-sqlite3 makes it on the event loop's thread: ~0.7–1.5 ms on this project's machines
 * during which no stream is served. SQLite has one writer at a time, so writes queue anyway; here
 * the queue is drained into one transaction per batch, and a busy second pays one fsync per batch,
 * not per write. A write that finds the queue idle waits one turn of the event loop, no more:
 * nothing waits for a batch to fill. Each write's steps still run in a transaction, with every other write of its batch
 * (docs/architecture.md, invariant 1).
 *
 * When a batch fails as a whole (an error, not a refusal a step returns), it rolls back, and its
 * writes are tried again one transaction each, so one write's error is its own.
 */

export interface GroupCommitOptions<Tx, Input, Result> {
  /** Runs `work` in one database transaction. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** One write's steps inside a transaction. */
  step(tx: Tx, input: Input): Promise<Result>;
  /** At most this many writes share a transaction (bounds the time a batch holds the writer). */
  maxBatch: number;
  /**
   * Under load (a batch committed within the last `BUSY_WINDOW_MS`), a batch waits this long for
   * more writes before it commits; after an idle spell it waits one event-loop turn only.
   */
  gatherMs?: number;
}

// Writes closer together than this are one busy spell: the next batch may wait to gather.
const BUSY_WINDOW_MS = 50;

interface Pending<Input, Result> {
  input: Input;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class GroupCommit<Tx, Input, Result> {
  private readonly queue: Pending<Input, Result>[] = [];
  private draining = false;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  /** Transactions committed and writes they carried (tests and the metrics read them). */
  readonly stats = { transactions: 0, writes: 0, retriedAlone: 0 };

  constructor(private readonly options: GroupCommitOptions<Tx, Input, Result>) {}

  /** Resolves once the write's transaction has committed (or rejects with its own error). */
  submit(input: Input): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // One turn of the event loop first: better-sqlite3 commits synchronously, so requests that
        // arrived during the last fsync are still unread on their sockets. Read now, they join
        // this batch instead of each starting one of their own behind it (measured: without the
        // turn, a saturated server committed one change per fsync).
        await new Promise<void>((resolve) => setImmediate(resolve));
        const gatherMs = this.options.gatherMs ?? 0;
        if (gatherMs > 0 && this.queue.length < this.options.maxBatch && performance.now() - this.lastCommitAt < BUSY_WINDOW_MS) {
          await new Promise<void>((resolve) => setTimeout(resolve, gatherMs));
        }
        await this.commit(this.queue.splice(0, this.options.maxBatch));
        this.lastCommitAt = performance.now();
      }
    } finally {
      this.draining = false;
    }
  }

  private async commit(batch: Pending<Input, Result>[]): Promise<void> {
    try {
      const results = await this.options.transaction(async (tx) => {
        const out: Result[] = [];
        for (const write of batch) out.push(await this.options.step(tx, write.input));
        return out;
      });
      this.stats.transactions += 1;
      this.stats.writes += batch.length;
      batch.forEach((write, i) => write.resolve(results[i] as Result));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const write of batch) {
        this.stats.retriedAlone += 1;
        await this.commit([write]);
      }
    }
  }
}
