/**
 * A server's garbage-collection pauses, read from its `--trace-gc` output and placed on the
 * benchmark's clock, so a slow second can be laid beside the pauses that fell in it.
 *
 * V8 prints one line per collection, when it ends:
 *   [1234:0x2cc19dd0]     1970 ms: Mark-Compact 86.4 (119.9) -> 86.3 (119.9) MB, 169.91 / 0.00 ms  (...) testing; ...
 * The stamp is ms since that isolate started (measured: it matches the end of the pause), the
 * first figure after "MB," the pause on the isolate's thread. Incremental marking steps before a
 * Mark-Compact are not counted: V8 prints only their sum over the whole marking.
 */

export interface GcPause {
  kind: string;
  /** The end of the pause, on the benchmark's clock (performance.now() of this process). */
  at: number;
  ms: number;
}

interface Line {
  isolate: string;
  stamp: number;
  kind: string;
  ms: number;
}

const LINE = /^\[\d+:(0x[0-9a-f]+)\]\s+(\d+(?:\.\d+)?) ms: (.+?) [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, ([\d.]+) \/ [\d.]+ ms/;

export function parseGcLine(line: string): Line | null {
  const match = LINE.exec(line);
  if (!match) return null;
  return { isolate: match[1] as string, stamp: Number(match[2]), kind: match[3] as string, ms: Number(match[4]) };
}

/**
 * Collects the pauses from a server's stdout, keeping only the parsed pauses (the rest of the
 * output is noise here). Each isolate counts ms from its own start, which the benchmark never
 * sees; its start is estimated as the earliest (arrival - stamp) over its lines: a line reaches
 * the pipe when its GC ends, so the estimate is never early, and is late by the pipe delay of the
 * promptest line. Measured against a child that forced gc() 20 times and printed its own clock
 * after each: 16 of the 20 mapped pause ends within 1 ms of it (the stamps are whole ms).
 */
export class GcTrace {
  private partial = "";
  private readonly lines: Line[] = [];
  private readonly starts = new Map<string, number>();

  /** `receivedAt`: when the chunk arrived, on the benchmark's clock. */
  feed(chunk: string, receivedAt: number): void {
    const text = this.partial + chunk;
    const end = text.lastIndexOf("\n");
    this.partial = end < 0 ? text : text.slice(end + 1);
    if (end < 0) return;
    for (const raw of text.slice(0, end).split("\n")) {
      const line = parseGcLine(raw);
      if (!line) continue;
      this.lines.push(line);
      const start = receivedAt - line.stamp;
      if (start < (this.starts.get(line.isolate) ?? Number.POSITIVE_INFINITY)) this.starts.set(line.isolate, start);
    }
  }

  /**
   * The main thread's pauses. A server may run other isolates (tsx's module-loader threads):
   * their collections do not stop the thread that serves, and they collect far less often.
   */
  pauses(): GcPause[] {
    const counts = new Map<string, number>();
    for (const line of this.lines) counts.set(line.isolate, (counts.get(line.isolate) ?? 0) + 1);
    let main: string | undefined;
    for (const [isolate, count] of counts) if (main === undefined || count > (counts.get(main) ?? 0)) main = isolate;
    const start = this.starts.get(main ?? "") ?? 0;
    return this.lines.filter((line) => line.isolate === main).map((line) => ({ kind: line.kind, at: start + line.stamp, ms: line.ms }));
  }
}
