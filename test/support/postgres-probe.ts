/**
 * Is a PostgreSQL server there at all? The test runners ask before they plan the PostgreSQL
 * suites, so a machine without one skips them loudly and CI fails clearly. A TCP connect is
 * enough to decide that; a wrong password then fails the suite itself, which is what it should do.
 *
 * Plain Node, no imports of the project's: vitest.config.ts loads it before any alias exists.
 */
import { connect } from "node:net";

/** Where tests find PostgreSQL: TRACKER_TEST_POSTGRES_URL, else the local server's `postgres` database. */
export function testPostgresAdminUrl(): string {
  return process.env.TRACKER_TEST_POSTGRES_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
}

/** Null when something accepts TCP connections where `url` points, else why not. */
export function postgresUnreachable(url: string, timeoutMs = 2000): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || "127.0.0.1", port: Number(port || 5432), timeout: timeoutMs });
    socket.once("connect", () => {
      socket.destroy();
      resolve(null);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(`no answer within ${timeoutMs} ms`);
    });
    socket.once("error", (error) => resolve(error.message));
  });
}

/** The banner a runner prints when it leaves the PostgreSQL suite out. */
export function skippedBanner(suite: string, url: string, reason: string): string {
  const line = "!".repeat(78);
  return (
    `\n${line}\n!! SKIPPED: the PostgreSQL ${suite} suite. No server at ${url} (${reason}).\n` +
    `!! Start one (see README) or set TRACKER_TEST_POSTGRES_URL; CI runs it and fails without it.\n${line}\n`
  );
}
