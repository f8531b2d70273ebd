import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A fake database: a transaction is a list of the inputs it carried, rolled back on a throw. */
function fakeDatabase(options: { failOn?: number; maxBatch?: number; gatherMs?: number } = {}) {
  const committed: number[][] = [];
  let release: (() => void) | null = null;
  const gate = () => new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  const group = new GroupCommit<number[], number, string>({
    async transaction(work) {
      const tx: number[] = [];
      const result = await work(tx);
      if (holding) await gate();
      committed.push(tx);
      return result;
    },
    async step(tx, input) {
      if (input === options.failOn) throw new Error(`write ${input} failed`);
      tx.push(input);
      return `done ${input}`;
    },
    maxBatch: options.maxBatch ?? 10,
    gatherMs: options.gatherMs,
  });
  return {
    group,
    committed,
    hold: () => (holding = true),
    releaseAll: () => {
      holding = false;
      release?.();
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("GroupCommit", () => {
  it("starts a write on an idle queue at once, in a transaction of its own", async () => {
    const db = fakeDatabase();
    expect(await db.group.submit(1)).toBe("done 1");
    expect(db.committed).toEqual([[1]]);
  });

  it("puts the writes that arrive during a commit into the next transaction, in order, each with its own result", async () => {
    const db = fakeDatabase();
    db.hold();
    const first = db.group.submit(1);
    await tick();
    const later = [2, 3, 4].map((n) => db.group.submit(n));
    db.releaseAll();
    expect(await first).toBe("done 1");
    expect(await Promise.all(later)).toEqual(["done 2", "done 3", "done 4"]);
    expect(db.committed).toEqual([[1], [2, 3, 4]]);
    expect(db.group.stats).toEqual({ transactions: 2, writes: 4, retriedAlone: 0 });
  });

  it("with gatherMs, waits for more writes while busy, and commits at once after an idle spell", async () => {
    const db = fakeDatabase({ gatherMs: 200 });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await db.group.submit(1);
    // Busy (a batch just committed): 2 waits, and 3, sent 20 ms later, joins its batch.
    const busy = [db.group.submit(2), sleep(20).then(() => db.group.submit(3))];
    await Promise.all(busy);
    expect(db.committed).toEqual([[1], [2, 3]]);
    // Idle for longer than the busy window: 4 commits without waiting, so 5, sent 100 ms later,
    // finds it committed (it would have joined 4 had 4 waited 200 ms).
    await sleep(80);
    const idle = [db.group.submit(4), sleep(100).then(() => db.group.submit(5))];
    await Promise.all(idle);
    expect(db.committed).toEqual([[1], [2, 3], [4], [5]]);
  });

  it("carries at most maxBatch writes per transaction", async () => {
    const db = fakeDatabase({ maxBatch: 2 });
    db.hold();
    const all = [db.group.submit(1)];
    await tick();
    all.push(...[2, 3, 4, 5, 6].map((n) => db.group.submit(n)));
    db.releaseAll();
    await Promise.all(all);
    expect(db.committed).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it("retries a failed batch one write at a time: only the failing write rejects, the others commit", async () => {
    const db = fakeDatabase({ failOn: 3 });
    db.hold();
    const first = db.group.submit(1);
    await tick();
    const later = [2, 3, 4].map((n) => db.group.submit(n).catch((error: Error) => error.message));
    db.releaseAll();
    await first;
    expect(await Promise.all(later)).toEqual(["done 2", "write 3 failed", "done 4"]);
    expect(db.committed).toEqual([[1], [2], [4]]);
    expect(db.group.stats.retriedAlone).toBe(3);
  });

  it("keeps draining after a failure, and a write after an idle spell starts at once again", async () => {
    const db = fakeDatabase({ failOn: 1 });
    await expect(db.group.submit(1)).rejects.toThrow("write 1 failed");
    expect(await db.group.submit(2)).toBe("done 2");
    expect(db.committed).toEqual([[2]]);
  });
});
