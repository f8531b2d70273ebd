/**
 * `npm run bench`: Tracker's production server under live-tracking load, side by side with a bare
 * `node:http` fan-out (scripts/bench/floor-server.ts) under the same client workload, in one run.
 * Prints a table and the verdict on the goals; writes the same as JSON (bench-results/).
 * `--smoke` is a few hundred streams for a few seconds (CI runs it). Flags: scripts/bench/options.ts.
 *
 * Exits 1 when a change fails or a delivery is lost or doubled (a correctness failure), not when
 * a speed or memory goal is missed: on a shared machine those are numbers to read, not to gate on.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Provider } from "../lib/db/provider";
import { createEmptyDatabase } from "../test/support/databases";
import { GcTrace, type GcPause } from "./bench/gc-trace";
import { runWorkload, type BenchTarget, type WorkloadResult } from "./bench/load";
import { ensureSocketRoom } from "./bench/limits";
import { DEFAULTS, isGoalWorkload, parseBenchArgs, type BenchOptions } from "./bench/options";
import { clientWarnings, goals, table, worstSecondCauses, worstSecondLine, type Results } from "./bench/report";
import { ROOT, TSX_CLI, buildIfStale, distDir, serverCommand } from "./build";
import { answers, freePort } from "./net";

const READY_TIMEOUT_MS = 60_000;
/** Every measured server prints its GC pauses, laid beside the slow seconds (scripts/bench/gc-trace.ts). */
const TRACE_GC = "--trace-gc";
const log = (line: string) => console.log(`bench: ${line}`);

interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
  gcPauses(): GcPause[];
}

/**
 * Starts `args` and resolves once GET / answers; keeps the end of its output for the error
 * message, and the GC pauses it prints on stdout.
 */
async function startServer(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  stopSignal: NodeJS.Signals = "SIGKILL",
): Promise<Server> {
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const gc = new GcTrace();
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (output.length > 200) output.shift();
    return text;
  };
  child.stdout?.on("data", (chunk: Buffer) => gc.feed(keep(chunk), performance.now()));
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    url,
    pid: child.pid ?? 0,
    gcPauses: () => gc.pauses(),
    async stop() {
      child.kill(stopSignal);
      // A profiled server writes its profile on a graceful exit; give it a while, then insist.
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
  if (await answers(`${url}/`, { timeoutMs: READY_TIMEOUT_MS, alive: () => child.exitCode === null && child.signalCode === null })) return server;
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited while starting:\n${output.join("")}`);
  await server.stop();
  throw new Error(`${name} did not answer within ${READY_TIMEOUT_MS} ms:\n${output.join("")}`);
}

/**
 * server.ts on a fresh database (a SQLite file, or a PostgreSQL database on the test server,
 * TRACKER_TEST_POSTGRES_URL) with the staff account and no demo orders. With `profileDir`, V8
 * writes a CPU profile there when the server exits (open it in Chrome DevTools).
 */
type Started = BenchTarget & { stop(): Promise<void>; cleanup(): Promise<void> };

async function startTracker(provider: Provider, profileDir: string | null): Promise<Started> {
  const database = await createEmptyDatabase(provider, "tracker_bench");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXT_DIST_DIR: distDir(),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    TRACKER_SEED_DEMO_ORDERS: "false",
    // A throwaway database: the documented staff password and session secret are fine here.
    TRACKER_DEMO: "true",
    // Every simulated customer connects from 127.0.0.x.
    TRACKER_MAX_STREAMS_PER_ADDRESS: "0",
    // The bench places its orders without a key, thousands from one address.
    TRACKER_ANONYMOUS_ORDERS_PER_ADDRESS: "0",
    TRACKER_ANONYMOUS_ORDERS_TOTAL: "0",
  };
  // Node refuses --cpu-prof in NODE_OPTIONS; it goes on the command line.
  const nodeFlags = [TRACE_GC, ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])];
  const prepared = spawnSync(process.execPath, [TSX_CLI, "--conditions=react-server", path.join(ROOT, "scripts", "prepare.ts")], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (prepared.status !== 0) throw new Error(`preparing the database failed:\n${prepared.stdout}${prepared.stderr}`);
  const launch = async (flags: string[]) => {
    const port = await freePort();
    return startServer("server.ts", [...flags, ...serverCommand(distDir(), "-p", String(port), "-H", "127.0.0.1")], env, port, profileDir ? "SIGTERM" : "SIGKILL");
  };
  // The set-up's server is never profiled nor traced: the profile is of the measured run only.
  let server = await launch([]);
  const target = {
    url: server.url,
    pid: server.pid,
    async restart() {
      await server.stop();
      server = await launch(nodeFlags);
      target.url = server.url;
      target.pid = server.pid;
    },
    gcPauses: () => server.gcPauses(),
    stop: () => server.stop(),
    cleanup: () => database.cleanup(),
  };
  return target;
}

async function startFloor(): Promise<Started> {
  const port = await freePort();
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child process, and the
  // benchmark must sample the process that holds the sockets.
  const server = await startServer("the floor server", [TRACE_GC, "--import", "tsx", path.join(ROOT, "scripts", "bench", "floor-server.ts"), String(port)], process.env, port);
  // Its data lives in the process: restarting would lose the orders.
  return { ...server, restart: async () => {}, cleanup: async () => {} };
}

function describeWorkload(options: BenchOptions): string {
  const database = options.database === "postgresql" ? "PostgreSQL" : "SQLite";
  return `${options.customers} customer + ${options.staff} staff streams, ${options.rate} changes/s for ${options.seconds} s, Tracker on ${database}`;
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  ensureSocketRoom(options.customers + options.staff, log);
  if (options.targets.includes("tracker")) buildIfStale(distDir());
  if (options.profile) mkdirSync(options.profile, { recursive: true });

  const results: Results = {};
  for (const target of options.targets) {
    log(`${target}: ${describeWorkload(options)}`);
    const server = target === "tracker" ? await startTracker(options.database, options.profile) : await startFloor();
    try {
      results[target] = await runWorkload(server, options, (line) => log(`${target}: ${line}`));
    } finally {
      await server.stop();
      await server.cleanup();
    }
  }

  console.log(`\n${describeWorkload(options)}, ${os.cpus().length} CPUs, Node ${process.version}\n`);
  console.log(table(results));
  const verdict = goals(results);
  console.log("");
  for (const goal of verdict) console.log(`${goal.met ? "met   " : "MISSED"}  ${goal.name}: ${goal.detail}`);
  for (const warning of clientWarnings(results)) console.log(`CLIENT  ${warning}`);
  console.log("");
  for (const [target, result] of Object.entries(results)) {
    const line = worstSecondLine(result);
    if (line) console.log(`${target}: ${line}`);
  }
  if (!isGoalWorkload(options)) {
    // At a few hundred streams the process's fixed memory dominates the per-stream figure.
    console.log(`(the goals are set for ${describeWorkload({ ...options, ...DEFAULTS, database: "sqlite" })}: for this run the verdict is only a hint)`);
  }

  const out = options.out ?? path.join(ROOT, "bench-results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version },
    workload: options,
    results,
    goals: verdict,
    clientWarnings: clientWarnings(results),
    worstSeconds: Object.fromEntries(Object.entries(results).map(([target, result]) => [target, worstSecondCauses(result)])),
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`report written to ${path.relative(process.cwd(), out)}`);
  if (options.profile) log(`CPU profile of the tracker server in ${options.profile}/ (*.cpuprofile)`);

  const broken = Object.entries(results).filter(
    ([, r]: [string, WorkloadResult]) => r.changes.failed > 0 || r.deliveries.lost > 0 || r.deliveries.duplicated > 0,
  );
  for (const [target, r] of broken) {
    console.error(`bench: ${target} lost ${r.deliveries.lost}, doubled ${r.deliveries.duplicated}, failed ${r.changes.failed} changes ${r.changes.errors.join(" | ")}`);
  }
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
