/** Waiting on the database with a limit, for the answers that must come back in time. */
export type Timed<T> = { ok: true; value: T } | { ok: false; reason: "timeout" | "error"; error?: unknown };

/** `work` settled within `ms`, or why not. Work that times out runs on; only the wait ends. */
export async function within<T>(work: () => Promise<T>, ms: number): Promise<Timed<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Timed<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: "timeout" }), ms);
  });
  const attempt = (async (): Promise<Timed<T>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, reason: "error", error };
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `query` shared by every caller while one is in flight: a balancer that polls health every
 * second against a database that hangs must not queue one more query each time.
 */
export function shared<T>(query: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= query().finally(() => {
      pending = null;
    });
    return pending;
  };
}
