/**
 * The testable half of `npm run start:cluster` (scripts/cluster.ts): its options, what it refuses
 * to run on, where nginx is, and the nginx config it runs, derived from deploy/nginx/tracker.conf so
 * that the file a shop installs is the file the cluster runs.
 */
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { providerOf } from "@/lib/db/provider";

export const USAGE =
  "usage: npm run start:cluster -- [--instances N] [--port P] [--base-port B] [--runtime-dir DIR]";

export const SITE_CONFIG = "deploy/nginx/tracker.conf";
/** The state file in the runtime dir that tests read to find (and kill) an instance. */
export const STATE_FILE = "cluster.json";

export interface ClusterOptions {
  instances: number;
  /** Where nginx listens. */
  port: number;
  /** Instance i (1-based) listens on basePort + i - 1. */
  basePort: number;
  /** nginx's prefix: its config, pid, logs and temp files, and the state file. Absolute. */
  runtimeDir: string;
}

export interface ClusterState {
  url: string;
  nginxPid: number;
  instances: { id: string; port: number; pid: number }[];
}

type Env = Record<string, string | undefined>;

const FLAGS = ["--instances", "--port", "--base-port", "--runtime-dir"] as const;
type Flag = (typeof FLAGS)[number];

function isFlag(name: string): name is Flag {
  return (FLAGS as readonly string[]).includes(name);
}

function flagValues(argv: readonly string[]): Partial<Record<Flag, string>> {
  const values: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [name = "", inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg];
    if (!isFlag(name)) throw new Error(`unknown argument "${arg}"; ${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new Error(`${name} needs a value; ${USAGE}`);
    values[name] = value;
  }
  return values;
}

function integer(what: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new Error(`${what} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

/** Flags win over the environment (CLUSTER_INSTANCES, PORT, CLUSTER_RUNTIME_DIR); throws a one-line message. */
export function parseClusterArgs(argv: readonly string[], env: Env, root: string, cwd: string): ClusterOptions {
  const flags = flagValues(argv);
  const instances = integer("--instances", flags["--instances"] ?? env.CLUSTER_INSTANCES?.trim() ?? "2", 1, 64);
  const port = integer("--port", flags["--port"] ?? env.PORT?.trim() ?? "8080", 1, 65535);
  const basePort = integer("--base-port", flags["--base-port"] ?? String(port + 1), 1, 65535 - instances + 1);
  if (port >= basePort && port < basePort + instances) {
    throw new Error(`--port ${port} collides with the instance ports ${basePort}-${basePort + instances - 1}`);
  }
  const dir = flags["--runtime-dir"] ?? env.CLUSTER_RUNTIME_DIR?.trim();
  const runtimeDir = dir ? path.resolve(cwd, dir) : path.join(root, ".cluster");
  return { instances, port, basePort, runtimeDir };
}

export function instancePorts({ instances, basePort }: ClusterOptions): number[] {
  return Array.from({ length: instances }, (_, i) => basePort + i);
}

/** Why the cluster cannot run on this DATABASE_URL, or null when it can. */
export function databaseRefusal(url: string): string | null {
  try {
    if (providerOf(url) === "postgresql") return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return "start:cluster needs PostgreSQL (DATABASE_URL=postgres://...): SQLite serves one process only; use npm start.";
}

export const NGINX_MISSING = "start:cluster needs nginx, which is not installed: sudo apt-get install -y nginx";

// Debian puts nginx in /usr/sbin, which is not on a normal user's PATH.
const SBIN_DIRS = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

function executableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The nginx binary on PATH or in an sbin directory, or null. */
export function findNginx(env: Env, isExecutable: (file: string) => boolean = executableFile): string | null {
  const dirs = [...(env.PATH ?? "").split(path.delimiter).filter(Boolean), ...SBIN_DIRS];
  return dirs.map((dir) => path.join(dir, "nginx")).find(isExecutable) ?? null;
}

/**
 * The site config with its `listen` port and its upstream's server list replaced: one server line
 * per port, each with the first line's host and parameters (max_fails, fail_timeout). Throws when
 * the file no longer has the shape this relies on, so a change to it cannot silently run another way.
 */
export function rewriteSite(site: string, port: number, ports: readonly number[]): string {
  const listens = site.match(/^\s*listen\s+\d+\s*;/gm) ?? [];
  if (listens.length !== 1) throw new Error(`${SITE_CONFIG}: expected one "listen <port>;" line, found ${listens.length}`);
  const upstream = /^(\s*upstream\s+\S+\s*\{\n)([\s\S]*?)(^\s*\}\s*$)/m.exec(site);
  if (!upstream) throw new Error(`${SITE_CONFIG}: no upstream block`);
  const [block, open = "", body = "", close = ""] = upstream;
  const serverLine = /^([ \t]*)server[ \t]+([^\s:;]+):\d+([^;\n]*);[ \t]*\n/gm;
  const template = serverLine.exec(body);
  if (!template) throw new Error(`${SITE_CONFIG}: the upstream block has no "server <host>:<port> ...;" line`);
  const [, indent = "", host = "", params = ""] = template;
  const servers = ports.map((p) => `${indent}server ${host}:${p}${params};\n`).join("");
  // The list takes the first server line's place; the other server lines go.
  const newBody = body.slice(0, template.index) + servers + body.slice(template.index).replace(serverLine, "");
  const end = upstream.index + block.length;
  return (site.slice(0, upstream.index) + open + newBody + close + site.slice(end)).replace(
    /^(\s*listen\s+)\d+(\s*;)/m,
    `$1${port}$2`,
  );
}

/**
 * A complete nginx.conf around the rewritten site, for `nginx -p <runtimeDir>`: every path is
 * relative to that prefix (nginx resolves them against it), so nothing is written outside it and no
 * root is needed. The http-level settings are Debian's nginx.conf's, so the site behaves as it
 * will under Debian's nginx (gzip on included: the site must turn it off for the streams itself).
 */
export function renderNginxConfig(site: string, port: number, ports: readonly number[]): string {
  return `# Generated by scripts/cluster.ts from ${SITE_CONFIG}; edit that file, not this one.
daemon off;
worker_processes auto;
pid nginx.pid;
error_log error.log warn;
error_log stderr warn;

events {
    # Every open stream holds two connections (client and instance).
    worker_connections 4096;
}

http {
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    default_type application/octet-stream;
    gzip on;

    log_format cluster '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                       'upstream=$upstream_addr upstream_status=$upstream_status time=$request_time';
    access_log access.log cluster;

    client_body_temp_path temp-client-body;
    proxy_temp_path temp-proxy;
    fastcgi_temp_path temp-fastcgi;
    uwsgi_temp_path temp-uwsgi;
    scgi_temp_path temp-scgi;

${rewriteSite(site, port, ports)}}
`;
}

/**
 * nginx's arguments for the rendered config in the foreground (`daemon off` is in the config).
 * `-e stderr`: errors before the config is read go to our output, not to the compiled-in
 * /var/log/nginx/error.log, which a normal user cannot open.
 */
export function nginxArgs(runtimeDir: string, configFile: string): string[] {
  return ["-p", runtimeDir, "-c", configFile, "-e", "stderr"];
}

/** The line printed when the cluster serves. */
export function readyLine(url: string, instances: readonly { id: string; port: number }[]): string {
  return `cluster: ${url} -> ${instances.map(({ id, port }) => `${id} :${port}`).join(", ")}`;
}
