/**
 * 10,000 streams are 10,000 sockets in the client and 10,000 in the server. The server inherits
 * this process's open-files limit, so raise it here (soft up to hard, or hard too when running as
 * root) or stop with what to do, rather than failing half-way with EMFILE.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Sockets beyond the streams: files, the API pool, the server's own handles. */
const HEADROOM = 1024;

function openFilesLimit(): { soft: number; hard: number } {
  const line = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
  const parse = (value: string | undefined) => (value === "unlimited" ? Number.POSITIVE_INFINITY : Number(value));
  return { soft: parse(line?.[1]), hard: parse(line?.[2]) };
}

function localPortRange(): number {
  const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
  return (high ?? 0) - (low ?? 0) + 1;
}

/** Makes room for `streams` sockets, or throws saying why it cannot and what would. */
export function ensureSocketRoom(streams: number, log: (line: string) => void): void {
  const needed = streams + HEADROOM;
  const ports = localPortRange();
  if (streams > ports) {
    throw new Error(
      `${streams} streams need as many local ports, and net.ipv4.ip_local_port_range has ${ports}: ` +
        `widen it (sysctl -w net.ipv4.ip_local_port_range="1024 65535") or open fewer streams.`,
    );
  }
  const { soft, hard } = openFilesLimit();
  if (soft >= needed) return;
  const raiseHard = hard < needed;
  const target = raiseHard ? needed : Math.max(needed, Math.min(hard, needed * 2));
  const result = spawnSync("prlimit", ["--pid", String(process.pid), `--nofile=${target}:${raiseHard ? needed : hard}`], { encoding: "utf8" });
  const after = openFilesLimit();
  if (result.status !== 0 || after.soft < needed) {
    throw new Error(
      `${streams} streams need ${needed} open files; the limit is ${soft} (hard ${hard}) and could not be raised` +
        `${result.stderr ? ` (${result.stderr.trim()})` : ""}. Raise it before running (as root: ulimit -Hn ${needed}; ulimit -n ${needed}), ` +
        `or open fewer streams (--streams).`,
    );
  }
  log(`raised the open-files limit from ${soft} to ${after.soft} for ${streams} streams`);
}
