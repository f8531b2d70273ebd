import "server-only";
import { disconnectDb } from "./client";
import { migrate } from "./migrate";
import { seedIfEmpty } from "./seed";
import { databaseUrl } from "./url";

/**
 * Brings the database to the current schema and fills it when empty: run by the scripts that
 * then serve from child processes, so it closes its connections when done.
 */
export async function prepareDatabase(log: (line: string) => void = console.log): Promise<void> {
  const { applied } = await migrate({ url: databaseUrl(), log });
  for (const name of applied) log(`Applied migration ${name}`);
  try {
    await seedIfEmpty(log);
  } finally {
    await disconnectDb();
  }
}
