/**
 * `npm run test:unit` loads this file with `--configLoader runner`. Vite's default loader bundles
 * it and, since package.json is not `"type": "module"`, warns once per project that this ESM file
 * would not load under the native loader it plans to make the default. The module runner
 * transforms the file instead and has no such check, nor a __dirname (hence import.meta.dirname).
 * A bare `npx vitest` uses the default loader: the same config, plus that notice.
 */
import os from "node:os";
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { postgresUnreachable, skippedBanner, testPostgresAdminUrl } from "./test/support/postgres-probe";

const sqlite: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "sqlite",
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "e2e/support/**/*.test.ts"],
    exclude: ["**/*.pg.test.ts", "**/node_modules/**"],
  },
};

// The same lib/ behaviours again on a real PostgreSQL server, plus the PostgreSQL-only tests
// (*.pg.test.ts). The SQLite-specific migration tests have PostgreSQL twins there.
const postgresql: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "postgresql",
    include: ["lib/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["lib/db/migrate.test.ts", "lib/db/schema-matches.test.ts", "**/node_modules/**"],
    env: { TRACKER_TEST_DATABASE: "postgresql" },
  },
};

export default defineConfig(async () => {
  const adminUrl = testPostgresAdminUrl();
  const unavailable = await postgresUnreachable(adminUrl);
  if (unavailable && process.env.CI) {
    throw new Error(`The PostgreSQL suite must run in CI, but ${adminUrl} does not answer: ${unavailable}`);
  }
  // Vitest evaluates this file again for each project (`extends: true`): say it once a run.
  const once = globalThis as typeof globalThis & { __trackerSkippedBannerShown?: boolean };
  if (unavailable && !once.__trackerSkippedBannerShown) {
    once.__trackerSkippedBannerShown = true;
    console.warn(skippedBanner("unit", adminUrl, unavailable));
  }
  return {
    resolve: {
      alias: {
        "@": path.resolve(import.meta.dirname),
        // `server-only` throws outside React's server build; unit tests run that code on purpose.
        "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
      },
    },
    test: {
      environment: "node",
      pool: "forks",
      // Vitest's default is one worker per core but one; on a 2-core machine that is one, and
      // these files spend most of their time waiting on a database or a socket, not on a core.
      // Two workers there: 150 s → 88 s for the whole run (issue 15).
      maxWorkers: Math.max(2, os.availableParallelism() - 1),
      testTimeout: 20_000,
      projects: unavailable ? [sqlite] : [sqlite, postgresql],
    },
  };
});
