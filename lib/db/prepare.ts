import "server-only";
import { migrate } from "./migrate";
import { seedIfEmpty } from "./seed";
import { databaseUrl } from "./url";

/** Brings the database to the current schema and fills it when empty: run before serving. */
export async function prepareDatabase(log: (line: string) => void = console.log): Promise<void> {
  const { applied } = await migrate({ url: databaseUrl(), log });
  for (const name of applied) log(`Applied migration ${name}`);
  await seedIfEmpty(log);
}
