/**
 * Throwaway PostgreSQL databases for tests, benchmarks and e2e runs: each gets a database of its
 * own on the server named by an admin URL, so runs never share rows and can run side by side.
 *
 * No `server-only` import: test fixtures and scripts run this outside Next.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export { testPostgresAdminUrl } from "./postgres-probe";

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000, application_name: "tracker-admin" });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL (the admin URL with the database name swapped). */
export async function createPostgresDatabase(adminUrl: string, prefix = "tracker_test"): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  return urlFor(adminUrl, name);
}

/** The admin URL with the database name swapped. */
function urlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates a database as a copy of the one `templateUrl` names (which must have no open sessions)
 * and returns its URL.
 */
export async function copyPostgresDatabase(adminUrl: string, templateUrl: string, prefix = "tracker_test"): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const template = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
  await withAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`),
  );
  return urlFor(adminUrl, name);
}

/**
 * Drops the database `url` names, closing whatever connections are still open to it; but first
 * gives those already closing up to `graceMs` to go. pg's Pool.end() (and so a Prisma client's
 * $disconnect) resolves once it has asked each connection to close, before the server has seen
 * them go: a FORCE drop in that window terminates them mid-goodbye, and their pool reports each
 * one as a lost connection. A connection nobody closes holds the drop up by `graceMs` at most.
 */
export async function dropPostgresDatabase(adminUrl: string, url: string, graceMs = 2000): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withAdmin(adminUrl, async (client) => {
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ sessions: number }>(
        "SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      if (!rows[0]?.sessions) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
