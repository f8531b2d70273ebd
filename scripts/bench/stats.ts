/** Summaries the benchmark reports: latency percentiles and ratios. Pure, so it is unit-tested. */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length ? (values[values.length - 1] as number) : Number.NaN,
  };
}

/** Latency by the second of the run in which the causing change started. */
export interface SecondSummary {
  second: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Splits latencies by `offsetsMs[i]`, when sample i's change started (ms from the start of the
 * drive), into one summary per second: shows whether a tail is steady queueing or a few stalls.
 */
export function perSecond(offsetsMs: readonly number[], latencies: readonly number[]): SecondSummary[] {
  const buckets: number[][] = [];
  for (let i = 0; i < latencies.length; i++) {
    const second = Math.max(0, Math.floor((offsetsMs[i] as number) / 1000));
    (buckets[second] ??= []).push(latencies[i] as number);
  }
  return Array.from(buckets, (bucket, second) => {
    const { count, p50, p99, max } = summarize(bucket ?? []);
    return { second, count, p50, p99, max };
  });
}

/** a / b, or NaN when b is 0 or either is not a number (printed as "n/a"). */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}
