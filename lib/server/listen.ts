/**
 * Where server.ts listens: `--port N` / `-p N` (else PORT, else 3000) and `--hostname H` / `-H H`
 * (else every interface, as `next start` does, so a phone or a kitchen tablet on the shop's
 * network can reach it), and the addresses to print once it does.
 */
import type { Server } from "node:http";
import os from "node:os";

export interface ListenOptions {
  port: number;
  /** undefined: every interface. */
  hostname: string | undefined;
}

function portFrom(raw: string | undefined, source: string): number {
  const port = Number(raw);
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535) throw new Error(`${source} must be a port number (got ${raw ?? "nothing"}).`);
  return port;
}

export function parseServerArgs(argv: readonly string[], env: { PORT?: string }): ListenOptions {
  let port = env.PORT?.trim() ? portFrom(env.PORT.trim(), "PORT") : 3000;
  let hostname: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--port" || flag === "-p") port = portFrom(value, flag);
    else if (flag === "--hostname" || flag === "-H") {
      if (!value) throw new Error(`${flag} needs a host name or address.`);
      hostname = value;
    } else throw new Error(`unknown argument ${flag} (server.ts takes --port N and --hostname H)`);
    i += 1;
  }
  return { port, hostname };
}

/** URLs a person can open: localhost and each external IPv4 address, or the one host asked for. */
export function listenAddresses(server: Server, hostname: string | undefined): string[] {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  if (hostname && hostname !== "0.0.0.0" && hostname !== "::") return [`http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`];
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === "IPv4" && !info.internal)
    .map((info) => `http://${info?.address}:${port}`);
  return [`http://localhost:${port}`, ...external];
}
