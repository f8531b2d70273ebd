import { defineConfig } from "prisma/config";

// Tracker applies its migrations with its own runner (scripts/migrate.ts, see
// docs/decisions/002-own-migration-runner.md); this config serves `prisma generate`
// and, where the schema engine can be downloaded, `prisma migrate status`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/tracker.db" },
});
