/** Production builds on demand: `npm start` and the e2e run must never serve a stale build. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const SKIP = new Set(["generated", "node_modules"]);

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

/** True when there is no build in `dir` or a source file changed after it was made. */
export function buildIsStale(dir = distDir()): boolean {
  const buildId = path.join(dir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

export function buildIfStale(dir = distDir()): void {
  if (!buildIsStale(dir)) return;
  console.log(`Building the app into ${dir} (sources changed or no build yet)...`);
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: dir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal}).`);
}
