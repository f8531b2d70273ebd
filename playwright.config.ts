import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, findChromium } from "./scripts/chromium";

// No `webServer`: the fixture in e2e/fixtures/server.ts starts a server (and database) per test,
// because a spec must be able to crash and restart it.
export default defineConfig({
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
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium().path,
      args: chromiumArgs(),
    },
  },
});
