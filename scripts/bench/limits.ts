/**
 * 10,000 streams are 10,000 sockets in the client and 10,000 in the server. The server inherits
 * this process's open-files limit, so raise it here (soft up to hard, or hard too when running as
 * root) or stop with what to do, rather than failing half-way with EMFILE.
 *
 * Each client socket also takes an ephemeral port of its source address, and one address has only
 * net.ipv4.ip_local_port_range's ports (28,232 by default): the streams are spread over 127.0.0.x,
 * which Linux routes over loopback without configuration.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * Files beyond the streams, in either process. Measured: the client's own ~60 and its API pool's
 * 64 sockets; Tracker's ~50 (SQLite, its listener, Node's own).
 */
const HEADROOM = 256;

function openFilesLimit(): { soft: number; hard: number } {
  const line = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
  const parse = (value: string | undefined) => (value === "unlimited" ? Number.POSITIVE_INFINITY : Number(value));
  return { soft: parse(line?.[1]), hard: parse(line?.[2]) };
}

/** The most streams one source address carries. */
const MAX_PER_ADDRESS = 10_000;
/** 127.0.0.1 to 127.0.0.254. */
const MAX_ADDRESSES = 254;

function localPortRange(): number {
  const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
  return (high ?? 0) - (low ?? 0) + 1;
}

/**
 * The loopback source addresses `streams` sockets are spread over, round-robin, each carrying at
 * most half of `portRange`: the other half stays for the API's sockets, other processes, and the
 * previous target's streams, whose ports wait in TIME_WAIT for a minute after the client closes them.
 */
export function sourceAddresses(streams: number, portRange = localPortRange()): string[] {
  const perAddress = Math.max(1, Math.min(MAX_PER_ADDRESS, Math.floor(portRange / 2)));
  const count = Math.max(1, Math.ceil(streams / perAddress));
  if (count > MAX_ADDRESSES) {
    throw new Error(
      `${streams} streams need ${count} source addresses of ${perAddress} ports each (half of net.ipv4.ip_local_port_range's ${portRange}), ` +
        `more than 127.0.0.1-254: widen the range (sysctl -w net.ipv4.ip_local_port_range="1024 65535") or open fewer streams.`,
    );
  }
  return Array.from({ length: count }, (_, i) => `127.0.0.${i + 1}`);
}

/** Makes room for `streams` sockets, or throws saying why it cannot and what would. */
export function ensureSocketRoom(streams: number, log: (line: string) => void): void {
  const needed = streams + HEADROOM;
  sourceAddresses(streams);
  const { soft, hard } = openFilesLimit();
  if (soft >= needed) return;
  const raiseHard = hard < needed;
  const target = raiseHard ? needed : Math.max(needed, Math.min(hard, needed * 2));
  const result = spawnSync("prlimit", ["--pid", String(process.pid), `--nofile=${target}:${raiseHard ? needed : hard}`], { encoding: "utf8" });
  const after = openFilesLimit();
  if (result.status !== 0 || after.soft < needed) {
    throw new Error(
      `${streams} streams need ${needed} open files; the limit is ${soft} (hard ${hard}) and could not be raised` +
        `${result.stderr ? ` (${result.stderr.trim()})` : ""}. Raise it before running (as root: ulimit -Hn ${needed}; ulimit -n ${needed}; ` +
        `raising the hard limit takes CAP_SYS_RESOURCE, which a container may withhold: then its runtime's --ulimit nofile), ` +
        `or open fewer streams (--streams, --staff: ${hard - HEADROOM} in all fit under the hard limit).`,
    );
  }
  log(`raised the open-files limit from ${soft} to ${after.soft} for ${streams} streams`);
}
