/**
 * `npm run test:e2e`: end-to-end tests against the production build with real Chromium.
 * Rebuilds when the build is missing or stale (scripts/build.ts), then runs `playwright test`
 * with any extra arguments (`npm run test:e2e -- e2e/reconnect.spec.ts --headed`) and its exit code.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { postgresUnreachable, skippedBanner, testPostgresAdminUrl } from "../test/support/postgres-probe";
import { buildApp, E2E_DIST_DIR, ROOT, staleReason } from "./build";
import { findChromium } from "./chromium";

/** The databases to run the specs on (playwright.config.ts makes one project of each). */
async function databases(): Promise<string | null> {
  const adminUrl = testPostgresAdminUrl();
  const unreachable = await postgresUnreachable(adminUrl);
  if (!unreachable) return "sqlite,postgresql";
  if (process.env.CI) {
    console.error(`The PostgreSQL e2e suite must run in CI, but ${adminUrl} does not answer: ${unreachable}`);
    return null;
  }
  console.warn(skippedBanner("e2e", adminUrl, unreachable));
  return "sqlite";
}

async function main(): Promise<number> {
  let browser;
  try {
    // Before the build, so a machine without a browser fails in a second, not after a minute.
    browser = findChromium();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
  console.log(`e2e: browser ${browser.path} (${browser.source})`);

  const reason = staleReason(E2E_DIST_DIR);
  if (reason) {
    console.log(`e2e: building into ${E2E_DIST_DIR}/ (${reason})`);
    try {
      const stamp = buildApp(E2E_DIST_DIR);
      console.log(`e2e: build took ${stamp.seconds}s`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      return 1;
    }
  } else {
    console.log(`e2e: ${E2E_DIST_DIR}/ matches the sources; not rebuilding`);
  }

  const e2eDatabases = process.env.E2E_DATABASES || (await databases());
  if (e2eDatabases === null) return 1;

  const cli = path.join(ROOT, "node_modules", "@playwright", "test", "cli.js");
  const started = Date.now();
  const result = spawnSync(process.execPath, [cli, "test", ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      CHROMIUM_PATH: browser.path,
      E2E_DIST_DIR,
      E2E_DATABASES: e2eDatabases,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  console.log(`e2e: playwright took ${Math.round((Date.now() - started) / 100) / 10}s`);
  if (result.error) {
    console.error(result.error.message);
    return 1;
  }
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
