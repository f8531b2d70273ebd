/**
 * Production builds on demand, and proof that a build is not stale: `npm start` builds into
 * `.next`, the e2e run into its own `.next-e2e`; neither may ever serve an outdated build.
 *
 * A build is fresh when the fingerprint of every file that can change its output (a hash of paths
 * and contents, not mtimes: checkouts, copies and clock skew all lie about mtimes) equals the one
 * recorded when it was built. The fingerprint is taken *before* `next build` starts, so an edit made
 * while it runs makes the next run rebuild instead of passing as fresh.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

export const ROOT = path.resolve(__dirname, "..");
/** The e2e run's own folder, so tests never serve (or clobber) a developer's `.next`. */
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR?.trim() || ".next-e2e";
const STAMP_FILE = "tracker-build-stamp.json";
/** Next's CLI, run with this Node rather than through npx (no shell, signals reach it directly). */
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** server.ts compiled into the build it serves (`buildServer`). */
export const SERVER_BUNDLE = "tracker-server.cjs";

/**
 * Node's arguments to run the one server entry, server.ts as compiled into the build in `dir`, in
 * this very process: signals reach it directly and a benchmark samples the process that holds the
 * sockets. The react-server condition makes `import "server-only"` a no-op, as inside Next's server
 * build. Run it with the project root as the working directory: Next serves the app found there.
 */
export function serverCommand(dir: string, ...args: string[]): string[] {
  return ["--conditions=react-server", "--enable-source-maps", path.join(ROOT, dir, SERVER_BUNDLE), ...args];
}
/** tsx's CLI, likewise: runs the TypeScript scripts (prepare, cluster) in a child process. */
export const TSX_CLI = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** The folder `next start` serves from (NEXT_DIST_DIR, as next.config.ts reads it). */
export function distDir(): string {
  return process.env.NEXT_DIST_DIR?.trim() || ".next";
}

// Everything else under the root counts: over-including costs a rebuild, under-including could
// test a stale build.
const SKIP_DIRS = new Set([
  "node_modules",
  ".git",
  ".ci",
  "data",
  "docs",
  "e2e",
  "test-results",
  "playwright-report",
  "bench-results",
  // nginx config and the cluster's runtime files: read by scripts/cluster.ts, not by the build.
  "deploy",
  ".cluster",
]);
const SKIP_FILES = new Set(["next-env.d.ts", "playwright.config.ts", "vitest.config.ts"]);

function skip(name: string, isDir: boolean): boolean {
  if (isDir) return SKIP_DIRS.has(name) || name.startsWith(".next");
  return (
    SKIP_FILES.has(name) ||
    name.endsWith(".md") ||
    name.endsWith(".tsbuildinfo") ||
    /\.test\.tsx?$/.test(name) ||
    /\.db(-wal|-shm|-journal)?$/.test(name)
  );
}

function listInputs(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name, entry.isDirectory())) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listInputs(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

export function sourceFingerprint(root = ROOT, env: Record<string, string | undefined> = process.env): string {
  const files: string[] = [];
  listInputs(root, files);
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  // Inlined into the client bundle at build time.
  for (const [key, value] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (key.startsWith("NEXT_PUBLIC_")) hash.update(`${key}=${value ?? ""}\0`);
  }
  return hash.digest("hex");
}

interface Stamp {
  fingerprint: string;
  builtAt: string;
  seconds: number;
}

/** Why the build in `dir` cannot be used, or null when it matches the sources. */
export function staleReason(dir: string): string | null {
  const distPath = (file: string) => path.join(ROOT, dir, file);
  if (!existsSync(distPath("BUILD_ID"))) return `no build in ${dir}/`;
  if (!existsSync(distPath(SERVER_BUNDLE))) return `no compiled server in ${dir}/`;
  if (!existsSync(distPath(STAMP_FILE))) return `${dir}/ has no source fingerprint (built by hand?)`;
  const stamp = JSON.parse(readFileSync(distPath(STAMP_FILE), "utf8")) as Stamp;
  if (stamp.fingerprint !== sourceFingerprint()) return "sources changed since the last build";
  return null;
}

export function buildApp(dir: string): Stamp {
  const fingerprint = sourceFingerprint();
  const started = Date.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: dir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  buildServer(dir);
  const stamp: Stamp = {
    fingerprint,
    builtAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  writeFileSync(path.join(ROOT, dir, STAMP_FILE), JSON.stringify(stamp, null, 2));
  return stamp;
}

/**
 * server.ts and the lib/ code it imports, compiled by esbuild into one CommonJS file in `dir`;
 * packages stay in node_modules. Ahead of time rather than under tsx at run time: tsx compiles with
 * esbuild's `keepNames`, which gives every function a `name` property of its own, and a function
 * with an own property keeps a dictionary of them, ~256 bytes. A stream's closures made that
 * ~4 KB per open stream (docs/decisions/016-compiled-server-entry.md). The server also starts
 * without compiling TypeScript.
 */
export function buildServer(dir: string): void {
  buildSync({
    entryPoints: [path.join(ROOT, "server.ts")],
    outfile: path.join(ROOT, dir, SERVER_BUNDLE),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${process.versions.node}`,
    packages: "external",
    sourcemap: "linked",
    // The generated Prisma client is an ES module that reads its own location.
    define: { "import.meta.url": "__tracker_module_url" },
    banner: { js: 'const __tracker_module_url = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "warning",
  });
}

/** Builds into `dir` unless the build there already matches the sources. */
export function buildIfStale(dir: string, log: (line: string) => void = console.log): void {
  const reason = staleReason(dir);
  if (!reason) return;
  log(`Building the app into ${dir}/ (${reason})...`);
  const { seconds } = buildApp(dir);
  log(`Build took ${seconds}s.`);
}
