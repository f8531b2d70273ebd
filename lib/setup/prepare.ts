import "server-only";
import pg from "pg";
import { disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { providerOf } from "@/lib/db/provider";
import { databaseUrl } from "@/lib/db/url";
import { seedIfEmpty } from "./seed";

// Any fixed 64-bit number, distinct from the other advisory locks (lib/orders/event-log/append.ts, lib/db/migrate.ts).
const PREPARE_LOCK_KEY = 7231003;

/**
 * Runs `fn` while holding a database-wide lock on PostgreSQL, where several instances may start
 * at once (systemd units, a rolling deploy) and would each find the database empty and seed it.
 * The lock is a session's: it goes when this connection does, even if the process dies.
 * SQLite serves one process, so there is nothing to exclude.
 */
async function exclusively(url: string, fn: () => Promise<void>): Promise<void> {
  if (providerOf(url) !== "postgresql") return fn();
  const client = new pg.Client({ connectionString: url, application_name: "tracker-prepare", connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${PREPARE_LOCK_KEY})`);
    await fn();
  } finally {
    await client.end();
  }
}

/**
 * Brings the database to the current schema and fills it when empty: run by the scripts that
 * then serve from child processes, so it closes its connections when done.
 */
export async function prepareDatabase(log: (line: string) => void = console.log): Promise<void> {
  const url = databaseUrl();
  await exclusively(url, async () => {
    const { applied } = await migrate({ url, log });
    for (const name of applied) log(`Applied migration ${name}`);
    try {
      await seedIfEmpty(log);
    } finally {
      await disconnectDb();
    }
  });
}
