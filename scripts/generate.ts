/**
 * `npm run db:generate` (and postinstall): derives prisma/postgresql/schema.prisma from the one
 * source schema, then generates a Prisma client for each provider.
 *
 * Without the schema-engine download, which this project's machines cannot reach
 * (docs/environment.md, "Prisma 7"): generate never runs the engine, it only checks that the file exists.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA } from "../lib/db/schema-files";
import { derivePostgresSchema } from "./derive-schema";

const root = process.cwd();
const derived = derivePostgresSchema(readFileSync(path.join(root, SOURCE_SCHEMA), "utf8"));
const target = path.join(root, POSTGRES_SCHEMA);
if (!existsSync(target) || readFileSync(target, "utf8") !== derived) {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, derived);
  console.log(`Wrote ${POSTGRES_SCHEMA} (derived from ${SOURCE_SCHEMA}).`);
}

const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

const prismaCli = path.join(root, "node_modules", "prisma", "build", "index.js");
for (const schema of [SOURCE_SCHEMA, POSTGRES_SCHEMA]) {
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", schema], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
