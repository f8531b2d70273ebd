/** `npm run bench` flags. Pure, so it is unit-tested. */
import type { Provider } from "../../lib/db/provider";
import type { Workload } from "./load";

export interface BenchOptions extends Workload {
  /** Which servers to run the workload against, in this order. */
  targets: ("tracker" | "floor")[];
  /** Where the JSON report goes; default bench-results/bench-<time>.json. */
  out: string | null;
  smoke: boolean;
  /** A folder for a V8 CPU profile of the tracker server (--profile DIR). */
  profile: string | null;
  /** Tracker's database: a fresh SQLite file (the default) or a fresh PostgreSQL database. */
  database: Provider;
}

export const USAGE =
  "usage: npm run bench -- [--streams N] [--staff M] [--rate R] [--seconds T] [--target tracker|floor|both] [--out FILE] [--profile DIR] [--database sqlite|postgresql] [--smoke]";

/** The workload: the goals are set for it. */
export const DEFAULTS: Workload = { customers: 10_000, staff: 50, rate: 200, seconds: 30 };
// A few hundred streams for a few seconds: CI runs it so the benchmark cannot rot.
const SMOKE: Workload = { customers: 300, staff: 5, rate: 50, seconds: 3 };

function positiveInteger(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isSafeInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer (got ${raw ?? "nothing"}). ${USAGE}`);
  return value;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const smoke = argv.includes("--smoke");
  const workload: Workload = { ...(smoke ? SMOKE : DEFAULTS) };
  let targets: BenchOptions["targets"] = ["tracker", "floor"];
  let out: string | null = null;
  let profile: string | null = null;
  let database: Provider = "sqlite";
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case "--smoke":
        continue;
      case "--streams":
        workload.customers = positiveInteger(flag, value);
        break;
      case "--staff":
        workload.staff = value === "0" ? 0 : positiveInteger(flag, value);
        break;
      case "--rate":
        workload.rate = positiveInteger(flag, value);
        break;
      case "--seconds":
        workload.seconds = positiveInteger(flag, value);
        break;
      case "--target":
        if (value === "both") targets = ["tracker", "floor"];
        else if (value === "tracker" || value === "floor") targets = [value];
        else throw new Error(`--target is tracker, floor or both (got ${value ?? "nothing"}). ${USAGE}`);
        break;
      case "--out":
        if (!value) throw new Error(`--out needs a file. ${USAGE}`);
        out = value;
        break;
      case "--profile":
        if (!value) throw new Error(`--profile needs a folder. ${USAGE}`);
        profile = value;
        break;
      case "--database":
        if (value !== "sqlite" && value !== "postgresql") throw new Error(`--database is sqlite or postgresql (got ${value ?? "nothing"}). ${USAGE}`);
        database = value;
        break;
      default:
        throw new Error(`unknown argument ${flag}. ${USAGE}`);
    }
    i += 1;
  }
  return { ...workload, targets, out, smoke, profile, database };
}

/** Whether a run is the one the goals are set for, on SQLite (another's verdict is only a hint). */
export function isGoalWorkload(workload: Workload & { database: Provider }): boolean {
  return (
    workload.database === "sqlite" &&
    workload.customers >= DEFAULTS.customers &&
    workload.staff >= DEFAULTS.staff &&
    workload.rate >= DEFAULTS.rate &&
    workload.seconds >= DEFAULTS.seconds
  );
}
