/**
 * `npm run start:cluster`: N server.ts instances on one PostgreSQL database behind nginx, as a
 * shop would run Tracker on one machine. nginx runs deploy/nginx/tracker.conf itself (see
 * scripts/cluster-config.ts), in the foreground, with everything it writes in the runtime dir.
 *
 * Supervises: an instance that dies is restarted with backoff. SIGINT/SIGTERM stop the instances
 * gracefully first (each closes its streams with a short `retry:`), then nginx.
 *
 * The instances and nginx run in their own process groups: a Ctrl-C in the terminal reaches only
 * this script, which stops them in that order rather than all at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { prepareDatabase } from "@/lib/setup/prepare";
import { databaseUrl } from "@/lib/db/url";
import { ROOT, buildIfStale, distDir, serverCommand } from "./build";
import { answers, portFree } from "./net";
import {
  NGINX_MISSING,
  SITE_CONFIG,
  STATE_FILE,
  databaseRefusal,
  findNginx,
  instancePorts,
  nginxArgs,
  parseClusterArgs,
  readyLine,
  renderNginxConfig,
  type ClusterState,
} from "./cluster-config";

/** How long a starting instance (or nginx) may take to answer GET /. */
const READY_TIMEOUT_MS = 60_000;
/** How long an instance may take to finish its in-flight requests after SIGTERM. */
const INSTANCE_STOP_MS = 15_000;
/** How long nginx may take to close its connections after SIGQUIT. */
const NGINX_STOP_MS = 5_000;
/** Restart delays double from the first to the last while an instance keeps crashing... */
const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** ...and start over once it has served this long. */
const STABLE_MS = 60_000;

interface Instance {
  id: string;
  port: number;
  child: ChildProcess | null;
  /** The process that last answered GET /: what the state file names. */
  pid: number;
  readyAt: number;
  crashes: number;
  restartTimer: NodeJS.Timeout | null;
}

const log = (line: string) => console.log(`cluster: ${line}`);

let phase: "starting" | "running" | "stopping" = "starting";
/** A function, not an inline test: a signal can change the phase across any await. */
const stopping = () => phase === "stopping";
let nginx: ChildProcess | null = null;
const instances: Instance[] = [];

// If this script dies without stopping them (an exception), nothing it started may outlive it.
process.on("exit", () => {
  for (const child of [nginx, ...instances.map((i) => i.child)]) {
    if (child?.pid && running(child)) killGroup(child.pid, "SIGKILL");
  }
});

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Copies a child's output line by line, each line prefixed with its name. */
function prefixOutput(child: ChildProcess, name: string): void {
  for (const [stream, sink] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (stream) createInterface({ input: stream }).on("line", (line) => sink.write(`[${name}] ${line}\n`));
  }
}

/** True once GET / on `port` answers, false if `child` exits or READY_TIMEOUT_MS passes first. */
function ready(port: number, child: ChildProcess): Promise<boolean> {
  return answers(`http://127.0.0.1:${port}/`, { timeoutMs: READY_TIMEOUT_MS, alive: () => running(child) });
}

/** Signals `child`, waits up to `ms` for it to exit, then SIGKILLs its process group. */
async function stop(child: ChildProcess | null, signal: NodeJS.Signals, ms: number, name: string): Promise<void> {
  if (!child?.pid || !running(child)) return;
  const exited = once(child, "exit");
  child.kill(signal);
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    log(`${name} still running ${ms / 1000}s after ${signal}; SIGKILL`);
    killGroup(child.pid, "SIGKILL");
    await exited;
  }
}

function startInstance(instance: Instance): ChildProcess {
  const child = spawn(process.execPath, serverCommand(distDir(), "-p", String(instance.port)), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir(),
      NEXT_TELEMETRY_DISABLED: "1",
      TRACKER_INSTANCE_ID: instance.id,
      // nginx appends the client's address to X-Forwarded-For: the per-address limits use it.
      TRACKER_TRUSTED_PROXIES: process.env.TRACKER_TRUSTED_PROXIES || "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  instance.child = child;
  prefixOutput(child, instance.id);
  child.on("exit", (code, signal) => {
    if (instance.child === child) instance.child = null;
    if (phase === "running") scheduleRestart(instance, child.pid, signal ?? `code ${code}`);
  });
  return child;
}

function scheduleRestart(instance: Instance, pid: number | undefined, how: string): void {
  if (instance.readyAt && Date.now() - instance.readyAt >= STABLE_MS) instance.crashes = 0;
  const delay = Math.min(RESTART_MAX_MS, RESTART_FIRST_MS * 2 ** instance.crashes);
  instance.crashes++;
  instance.readyAt = 0;
  log(`${instance.id} (pid ${pid}) exited (${how}); restarting in ${delay / 1000}s`);
  instance.restartTimer = setTimeout(() => void restart(instance), delay);
}

async function restart(instance: Instance): Promise<void> {
  instance.restartTimer = null;
  const child = startInstance(instance);
  if (await ready(instance.port, child)) {
    if (phase !== "running") return;
    markReady(instance, child);
    writeState();
    log(`${instance.id} is back (pid ${child.pid})`);
  } else if (child.pid && running(child)) {
    // Up but not answering: a crash like any other (its exit schedules the next try).
    log(`${instance.id} did not answer GET / within ${READY_TIMEOUT_MS / 1000}s; killing it`);
    killGroup(child.pid, "SIGKILL");
  }
}

function markReady(instance: Instance, child: ChildProcess): void {
  instance.pid = child.pid ?? 0;
  instance.readyAt = Date.now();
}

let stateFile = "";
let url = "";
/** Set once nginx answers: from then on the state file exists and follows every restart. */
let published = false;

/** Written whole and renamed into place, so a reader never sees half a file. */
function writeState(): void {
  if (!published) return;
  const state: ClusterState = {
    url,
    nginxPid: nginx?.pid ?? 0,
    instances: instances.map(({ id, port, pid }) => ({ id, port, pid })),
  };
  writeFileSync(`${stateFile}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${stateFile}.tmp`, stateFile);
}

async function shutdown(code: number): Promise<void> {
  if (stopping()) return;
  phase = "stopping";
  for (const instance of instances) if (instance.restartTimer) clearTimeout(instance.restartTimer);
  const live = instances.filter((i) => i.child && running(i.child));
  if (live.length) log(`stopping: SIGTERM to ${live.map((i) => i.id).join(", ")}`);
  await Promise.all(live.map((i) => stop(i.child, "SIGTERM", INSTANCE_STOP_MS, i.id)));
  if (nginx && running(nginx)) log("SIGQUIT to nginx");
  await stop(nginx, "SIGQUIT", NGINX_STOP_MS, "nginx");
  if (stateFile) rmSync(stateFile, { force: true });
  process.exit(code);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function orFail<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  const options = orFail(() => parseClusterArgs(process.argv.slice(2), process.env, ROOT, process.cwd()));
  const refusal = databaseRefusal(databaseUrl());
  if (refusal) fail(refusal);
  const nginxBin = findNginx(process.env) ?? fail(NGINX_MISSING);
  const { port, runtimeDir } = options;
  const ports = instancePorts(options);
  for (const p of [port, ...ports]) {
    if (!(await portFree(p))) fail(`start:cluster: port ${p} is already in use (see --port, --base-port)`);
  }

  mkdirSync(runtimeDir, { recursive: true });
  stateFile = path.join(runtimeDir, STATE_FILE);
  url = `http://localhost:${port}`;
  // A state file left by an earlier run that was killed must not pass for this one.
  rmSync(stateFile, { force: true });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

  await prepareDatabase();
  buildIfStale(distDir());

  ports.forEach((p, i) => {
    instances.push({ id: `app-${i + 1}`, port: p, child: null, pid: 0, readyAt: 0, crashes: 0, restartTimer: null });
  });
  const started = await Promise.all(
    instances.map(async (instance) => {
      const child = startInstance(instance);
      const ok = await ready(instance.port, child);
      if (ok) markReady(instance, child);
      return ok;
    }),
  );
  if (stopping()) return;
  if (started.includes(false)) {
    log(`${instances.filter((_, i) => !started[i]).map((i) => i.id).join(", ")} did not start`);
    return shutdown(1);
  }
  // From here a crashed instance is restarted, even while nginx is still starting.
  phase = "running";

  const configFile = path.join(runtimeDir, "nginx.conf");
  writeFileSync(configFile, renderNginxConfig(readFileSync(path.join(ROOT, SITE_CONFIG), "utf8"), port, ports));
  const server = spawn(nginxBin, nginxArgs(runtimeDir, configFile), {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  nginx = server;
  prefixOutput(server, "nginx");
  server.on("exit", (code, signal) => {
    if (stopping()) return;
    log(`nginx exited (${signal ?? `code ${code}`}); stopping`);
    void shutdown(1);
  });
  if (!(await ready(port, server))) {
    // When nginx exited, its exit handler is already stopping the cluster.
    if (stopping()) return;
    log(`nginx did not answer GET / on port ${port}`);
    return shutdown(1);
  }
  if (stopping()) return;

  published = true;
  writeState();
  console.log(readyLine(url, instances));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});
