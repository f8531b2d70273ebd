import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "./build";
import {
  NGINX_MISSING,
  SITE_CONFIG,
  databaseRefusal,
  findNginx,
  instancePorts,
  nginxArgs,
  parseClusterArgs,
  readyLine,
  renderNginxConfig,
  rewriteSite,
} from "./cluster-config";

const site = readFileSync(path.join(ROOT, SITE_CONFIG), "utf8");
const parse = (argv: string[], env: Record<string, string> = {}) => parseClusterArgs(argv, env, "/repo", "/here");

describe("parseClusterArgs", () => {
  it("defaults to two instances on the ports after nginx's 8080, runtime dir .cluster in the project", () => {
    const options = parse([]);
    expect(options).toEqual({ instances: 2, port: 8080, basePort: 8081, runtimeDir: "/repo/.cluster" });
    expect(instancePorts(options)).toEqual([8081, 8082]);
  });

  it("reads CLUSTER_INSTANCES, PORT and CLUSTER_RUNTIME_DIR, resolving a relative dir against the working directory", () => {
    expect(parse([], { CLUSTER_INSTANCES: "3", PORT: "9000", CLUSTER_RUNTIME_DIR: "tmp/c" })).toEqual({
      instances: 3,
      port: 9000,
      basePort: 9001,
      runtimeDir: "/here/tmp/c",
    });
  });

  it("lets flags, in either form, win over the environment", () => {
    const env = { CLUSTER_INSTANCES: "3", PORT: "9000", CLUSTER_RUNTIME_DIR: "/env" };
    const argv = ["--instances", "4", "--port=7000", "--base-port", "3001", "--runtime-dir=/flag"];
    const options = parse(argv, env);
    expect(options).toEqual({ instances: 4, port: 7000, basePort: 3001, runtimeDir: "/flag" });
    expect(instancePorts(options)).toEqual([3001, 3002, 3003, 3004]);
  });

  it.each([
    [["--workers", "2"], /unknown argument "--workers"; usage:/],
    [["--instances"], /--instances needs a value/],
    [["--port="], /--port needs a value/],
    [["--instances", "0"], /--instances must be a whole number from 1 to 64, not "0"/],
    [["--instances", "2.5"], /--instances must be a whole number/],
    [["--port", "80x"], /--port must be a whole number/],
    [["--port", "70000"], /--port must be a whole number from 1 to 65535/],
    [["--instances", "3", "--base-port", "65534"], /--base-port must be a whole number from 1 to 65533/],
    [["--port", "3002", "--base-port", "3001"], /--port 3002 collides with the instance ports 3001-3002/],
  ])("refuses %j", (argv, message) => {
    expect(() => parse(argv)).toThrow(message);
  });
});

describe("databaseRefusal", () => {
  it("accepts PostgreSQL under either scheme", () => {
    expect(databaseRefusal("postgres://postgres@127.0.0.1:5432/tracker")).toBeNull();
    expect(databaseRefusal("postgresql://postgres@127.0.0.1:5432/tracker")).toBeNull();
  });

  it("refuses SQLite, which serves one process only, and names the way out", () => {
    expect(databaseRefusal("file:./data/tracker.db")).toMatch(/needs PostgreSQL.*SQLite serves one process only/);
  });

  it("refuses another scheme with the provider's own message", () => {
    expect(databaseRefusal("mysql://localhost/tracker")).toMatch(/not mysql:/);
  });
});

describe("findNginx", () => {
  it("takes the first nginx on PATH", () => {
    const found = findNginx({ PATH: "/opt/a:/opt/b" }, (file) => file.startsWith("/opt/b/"));
    expect(found).toBe("/opt/b/nginx");
  });

  it("also looks in /usr/sbin, where Debian puts it, outside a normal user's PATH", () => {
    expect(findNginx({ PATH: "/usr/bin:/bin" }, (file) => file === "/usr/sbin/nginx")).toBe("/usr/sbin/nginx");
  });

  it("finds none when none exists; the refusal names the install command", () => {
    expect(findNginx({}, () => false)).toBeNull();
    expect(NGINX_MISSING).toContain("apt-get install -y nginx");
  });
});

describe("rewriteSite", () => {
  it("leaves the repository's file as it is for its own port and upstreams: the file in the repo is what runs", () => {
    expect(rewriteSite(site, 8080, [3001, 3002])).toBe(site);
  });

  it("sets the listen port and one server line per instance with the same parameters", () => {
    const rewritten = rewriteSite(site, 9000, [4001, 4002, 4003]);
    expect(rewritten).toMatch(/^\s*listen 9000;$/m);
    expect(rewritten.match(/^\s*server 127\.0\.0\.1:\d+ .*;$/gm)).toEqual([
      "    server 127.0.0.1:4001 max_fails=1 fail_timeout=5s;",
      "    server 127.0.0.1:4002 max_fails=1 fail_timeout=5s;",
      "    server 127.0.0.1:4003 max_fails=1 fail_timeout=5s;",
    ]);
    // Nothing else changes.
    const strip = (text: string) => text.replace(/^\s*(listen|server 127\.0\.0\.1:)\d*.*$\n/gm, "");
    expect(strip(rewritten)).toBe(strip(site));
  });

  it("refuses a file whose shape it cannot rewrite, rather than run something else", () => {
    expect(() => rewriteSite(site.replace(/^\s*listen 8080;$/m, ""), 80, [1])).toThrow(/one "listen <port>;" line, found 0/);
    expect(() => rewriteSite(`${site}\nserver {\n    listen 81;\n}\n`, 80, [1])).toThrow(/found 2/);
    expect(() => rewriteSite(site.replace(/upstream tracker/, "map $x $y"), 80, [1])).toThrow(/no upstream block/);
    expect(() => rewriteSite(site.replace(/^\s*server 127.*$\n/gm, ""), 80, [1])).toThrow(/no "server <host>:<port> ...;" line/);
  });
});

describe("renderNginxConfig", () => {
  it("wraps the rewritten site in a main config whose paths all stay in the prefix", () => {
    const config = renderNginxConfig(site, 9000, [4001]);
    expect(config).toContain(rewriteSite(site, 9000, [4001]));
    expect(config).toMatch(/^daemon off;$/m);
    expect(config).toMatch(/^pid nginx\.pid;$/m);
    // No absolute path: nginx resolves relative ones against -p, the runtime dir.
    const paths = config.match(/^\s*(pid|error_log|access_log|\w+_temp_path)\s+\S+/gm) ?? [];
    expect(paths.length).toBeGreaterThanOrEqual(8);
    for (const line of paths) expect(line).not.toMatch(/\s\//);
  });

  it("prints the ready line", () => {
    const line = readyLine("http://localhost:8080", [
      { id: "app-1", port: 3001 },
      { id: "app-2", port: 3002 },
    ]);
    expect(line).toBe("cluster: http://localhost:8080 -> app-1 :3001, app-2 :3002");
  });
});

const nginxBin = findNginx(process.env);

/**
 * The rendered config run by the real nginx, as scripts/cluster.ts runs it (skipped where nginx is
 * not installed: sudo apt-get install -y nginx; never in CI, whose .ci/run installs it).
 */
if (!nginxBin && !process.env.CI) console.warn("SKIPPED: the nginx tests of scripts/cluster-config.test.ts (nginx is not installed).");
describe.skipIf(!nginxBin && !process.env.CI)("the rendered config under nginx", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function runtimeDir(ports: number[], port: number): { dir: string; configFile: string } {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-nginx-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const configFile = path.join(dir, "nginx.conf");
    writeFileSync(configFile, renderNginxConfig(site, port, ports));
    return { dir, configFile };
  }

  it("passes nginx -t", () => {
    const { dir, configFile } = runtimeDir([3001, 3002], 8080);
    const result = spawnSync(nginxBin ?? "", ["-t", ...nginxArgs(dir, configFile)], { encoding: "utf8" });
    expect(result.stderr).toContain("test is successful");
    expect(result.status).toBe(0);
  });

  async function listen(server: Server, port = 0): Promise<number> {
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    return (server.address() as AddressInfo).port;
  }

  async function freePort(): Promise<number> {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  async function startNginx(ports: number[]): Promise<number> {
    const port = await freePort();
    const { dir, configFile } = runtimeDir(ports, port);
    const child: ChildProcess = spawn(nginxBin ?? "", nginxArgs(dir, configFile), { stdio: "ignore" });
    // SIGTERM, not SIGKILL: the workers of a killed master live on, holding the port.
    cleanups.push(async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    });
    for (let i = 0; i < 100; i++) {
      try {
        await (await fetch(`http://127.0.0.1:${port}/ready`)).arrayBuffer();
        return port;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error("nginx did not start");
  }

  it("streams events unbuffered and uncompressed, passes Host and X-Forwarded-Proto, skips a dead instance", async () => {
    // Each stream sends one event and stays open until the test has read it: buffering or gzip
    // between the instance and the client would hold that event back and time the test out.
    const open: ServerResponse[] = [];
    const seen: { host?: string; proto?: string | string[] }[] = [];
    const app = createServer((request, response) => {
      if (request.url !== "/api/staff/events") return void response.end();
      seen.push({ host: request.headers.host, proto: request.headers["x-forwarded-proto"] });
      response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
      response.write("retry: 2000\n\nid: 1\nevent: order.status\ndata: {}\n\n");
      open.push(response);
    });
    const dead = await freePort();
    const port = await startNginx([dead, await listen(app)]);

    // Round robin sends one of the two to the dead instance first: nginx must move it on.
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`http://localhost:${port}/api/staff/events`, {
        headers: { "Accept-Encoding": "gzip" },
        signal: AbortSignal.timeout(5_000),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBeNull();
      const reader = response.body?.getReader();
      if (!reader) throw new Error("no body");
      const decoder = new TextDecoder();
      let text = "";
      while (!text.includes("id: 1\n")) text += decoder.decode((await reader.read()).value);
      open.shift()?.end("id: 2\nevent: order.status\ndata: {}\n\n");
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
      expect(text).toMatch(/id: 1\n[\s\S]*id: 2\n/);
    }
    expect(seen).toEqual([
      { host: `localhost:${port}`, proto: "http" },
      { host: `localhost:${port}`, proto: "http" },
    ]);
  });
});
