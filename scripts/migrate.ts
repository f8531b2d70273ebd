/**
 * `npm run db:migrate`: applies prisma/migrations to the database DATABASE_URL names
 * (default file:./data/tracker.db). Exit code 1 with the reason when a migration cannot apply.
 */
import { migrate } from "@/lib/db/migrate";
import { databaseUrl } from "@/lib/db/url";

async function main(): Promise<void> {
  const { applied, alreadyApplied } = await migrate({ url: databaseUrl(), log: console.log });
  for (const name of applied) console.log(`Applied ${name}`);
  if (applied.length === 0) {
    console.log(`Database is up to date (${alreadyApplied} migration${alreadyApplied === 1 ? "" : "s"})`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
