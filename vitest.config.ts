import { connect } from "node:net";
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Kept in step with testPostgresAdminUrl() in lib/db/postgres-admin.ts, which the tests use. The
// config cannot import it: Vite loads this file on its own, before the "@" alias exists.
const adminUrl = process.env.TRACKER_TEST_POSTGRES_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";

/** Null when something accepts TCP connections where the admin URL points, else why not. */
function postgresUnavailable(url: string): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || "127.0.0.1", port: Number(port || 5432), timeout: 2000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(null);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("no answer within 2 s");
    });
    socket.once("error", (error) => resolve(error.message));
  });
}

const sqlite: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "sqlite",
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    exclude: ["**/*.pg.test.ts", "**/node_modules/**"],
  },
};

// The same lib/ behaviours again on a real PostgreSQL server, plus the PostgreSQL-only tests
// (*.pg.test.ts). The SQLite-specific migration tests have PostgreSQL twins there.
const postgresql: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "postgresql",
    include: ["lib/**/*.test.ts"],
    exclude: ["lib/db/migrate.test.ts", "lib/db/schema-matches.test.ts", "**/node_modules/**"],
    env: { TRACKER_TEST_DATABASE: "postgresql" },
  },
};

export default defineConfig(async () => {
  const unavailable = await postgresUnavailable(adminUrl);
  if (unavailable && process.env.CI) {
    throw new Error(`The PostgreSQL suite must run in CI, but ${adminUrl} does not answer: ${unavailable}`);
  }
  if (unavailable) {
    const line = "!".repeat(78);
    console.warn(
      `\n${line}\n!! SKIPPED: the PostgreSQL unit suite. No server at ${adminUrl} (${unavailable}).\n` +
        `!! Start one (see README) or set TRACKER_TEST_POSTGRES_URL; CI runs it and fails without it.\n${line}\n`,
    );
  }
  return {
    resolve: {
      alias: {
        "@": path.resolve(__dirname),
        // `server-only` throws outside React's server build; unit tests run that code on purpose.
        "server-only": path.resolve(__dirname, "node_modules/server-only/empty.js"),
      },
    },
    test: {
      environment: "node",
      pool: "forks",
      testTimeout: 20_000,
      projects: unavailable ? [sqlite] : [sqlite, postgresql],
    },
  };
});
