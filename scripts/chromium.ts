/**
 * Which Chromium the e2e tests drive, and how to start it on a machine that reaches only npm and
 * Debian (docs/environment.md, "Browsers"): `npx playwright install` cannot download here, so the
 * system browser comes first and Playwright's own download is only a fallback.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

function currentUid(): number | null {
  return typeof process.getuid === "function" ? process.getuid() : null;
}

/**
 * The one command that installs Debian's Chromium. Root (a container, CI) runs apt-get itself
 * and often has no sudo at all, so telling it to type `sudo` hands it a second error.
 */
export function installCommand(uid: number | null = currentUid()): string {
  return `${uid === 0 ? "" : "sudo "}apt-get install -y chromium`;
}

export function installHint(uid: number | null = currentUid()): string {
  return `No Chromium found. Install Debian's: ${installCommand(uid)} (or set CHROMIUM_PATH)`;
}

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export interface ChromiumChoice {
  path: string;
  source: "CHROMIUM_PATH" | "system" | "playwright";
}

export interface FindOptions {
  env?: Record<string, string | undefined>;
  /** Whose install command the error names (root needs no sudo). */
  uid?: number | null;
  systemPaths?: readonly string[];
  /** Where Playwright's own download would be; null when Playwright knows none. */
  playwrightPath?: () => string | null;
  exists?: (file: string) => boolean;
}

/** Finds a browser, or throws with the install command. */
export function findChromium({
  env = process.env,
  systemPaths = SYSTEM_CANDIDATES,
  playwrightPath = playwrightDownloadPath,
  exists = existsSync,
  uid = currentUid(),
}: FindOptions = {}): ChromiumChoice {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    // A path the user named but that does not exist is a mistake to report, not to skip past.
    if (!exists(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${installHint(uid)}`);
    return { path: fromEnv, source: "CHROMIUM_PATH" };
  }
  for (const candidate of systemPaths) {
    if (exists(candidate)) return { path: candidate, source: "system" };
  }
  const downloaded = playwrightPath();
  if (downloaded && exists(downloaded)) return { path: downloaded, source: "playwright" };
  throw new Error(installHint(uid));
}

/**
 * What `npm test` says, before its unit tests, when the e2e tests after them would find no
 * browser (they only find out minutes later otherwise); null when they will find one.
 */
export function preflightProblem(find: () => ChromiumChoice = findChromium): string | null {
  try {
    find();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      `npm test stops before the unit tests: the end-to-end tests that follow them drive Chromium. ${reason}`,
      "The unit tests alone need no browser: npm run test:unit",
    ].join("\n");
  }
}

function playwrightDownloadPath(): string | null {
  try {
    return chromium.executablePath() || null;
  } catch {
    // Playwright throws when its browser registry has no entry for this platform.
    return null;
  }
}

/** Without these, Chromium tries to reach Google's hosts at every start (and waits for them). */
export function chromiumArgs(uid: number | null = currentUid()): string[] {
  const args = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ];
  // Chromium refuses to start its sandbox as root (CI containers usually run as root).
  if (uid === 0) args.push("--no-sandbox");
  return args;
}
