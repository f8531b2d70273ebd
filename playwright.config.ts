import { defineConfig, devices } from "@playwright/test";
import type { DatabaseOption, Options } from "./e2e/fixtures/test";
import { chromiumArgs, findChromium } from "./scripts/chromium";

// One project per database. scripts/e2e.ts sets E2E_DATABASES after checking that PostgreSQL
// answers (it skips that project loudly when it does not, and fails in CI).
const databases = (process.env.E2E_DATABASES ?? "sqlite,postgresql").split(",").filter(Boolean);
// Specs that need several instances on one database, or that close the database to the app from
// outside, exist only where that is supported.
const POSTGRES_ONLY = ["**/cluster.spec.ts", "**/operations-cluster.spec.ts", "**/operations-database.spec.ts"];
// Specs whose behaviour does not depend on the database run once, on the embedded default, to
// keep the suite short: the browser-side ones, and the edge's (headers, origins), which answers
// before any query. What the server stores and streams runs on both (the live flow, conflicts,
// restarts, the contract, hostile input, secrecy, ETA, operations).
const SQLITE_ONLY = [
  "**/accessibility.spec.ts",
  // The board's filters, keyboard, dialogs, focus and highlight are the browser's; its writes are
  // the API that concurrent-staff, live-progress, audit and http-contract prove on both.
  "**/staff-board.spec.ts",
  // The Content-Security-Policy and the other headers, the fixture's CSP detector, and the
  // request's own origin (127.0.0.1, a LAN address) are set and checked at the edge.
  "**/security-headers.spec.ts",
  "**/pages-under-csp.spec.ts",
  "**/csp-detector.spec.ts",
  "**/addresses.spec.ts",
  // The hook's tab sharing, poll fallback and wake handling; the poll's server side runs on both
  // databases in event-poll.spec.ts.
  "**/shared-stream.spec.ts",
  "**/poll-fallback.spec.ts",
  "**/sleep-catch-up.spec.ts",
  // The tracking page's hidden-tab attention and its phone layout.
  "**/attention.spec.ts",
  "**/tracking-mobile.spec.ts",
];

// No `webServer`: the fixture in e2e/fixtures/server.ts starts a server (and database) per test,
// because a spec must be able to crash and restart it.
export default defineConfig<Options>({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/support/global-setup.ts",
  // Each test runs its own Next server and browser. On the 2-core machine one worker was as fast
  // as two (16 tests: 79 s vs 94 s, 55 s vs 69 s), and one leaves no room for timing flakes.
  // E2E_WORKERS=2 where more cores are idle.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: true,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // list: each test as it ends; the second prints the slowest tests and specs at the end.
  reporter: [["list"], ["./e2e/support/slowest-reporter.ts"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  projects: databases.map((database) => ({
    name: database,
    use: { database: database as DatabaseOption },
    testIgnore: database === "postgresql" ? SQLITE_ONLY : POSTGRES_ONLY,
  })),
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium().path,
      args: chromiumArgs(),
    },
  },
});
