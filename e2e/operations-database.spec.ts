/**
 * GET /api/health while the database refuses the app, as it does during a failover or when
 * max_connections is exhausted: 503 naming the database check, then 200 once it lets the app back
 * in. PostgreSQL project only: there a database can be closed to new connections and the app's
 * current ones ended, from outside, without touching the app.
 */
import pg from "pg";
import { testPostgresAdminUrl } from "../test/support/postgres-admin";
import { expect, test } from "./fixtures/test";

test("health answers 503 naming the database while PostgreSQL refuses the app, and 200 once it is back", async ({
  request,
  server,
}) => {
  const health = async () => {
    const response = await request.get("/api/health");
    return { status: response.status(), body: (await response.json()) as unknown };
  };
  expect((await health()).status).toBe(200);

  const name = decodeURIComponent(new URL(server.databaseUrl).pathname.slice(1));
  const admin = new pg.Client({ connectionString: testPostgresAdminUrl(), application_name: "tracker-e2e-admin" });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS false`);
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
    await expect
      .poll(health)
      .toEqual({
        status: 503,
        body: { status: "fail", checks: { database: { status: "fail", reason: "error" }, hub: { status: "ok", state: "idle" } } },
      });
  } finally {
    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS true`);
    await admin.end();
  }
  await expect.poll(async () => (await health()).status).toBe(200);
});
