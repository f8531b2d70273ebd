/**
 * Dropping a throwaway database: a connection that is on its way out gets to leave before the
 * drop forces the rest out, so its owner sees a clean close rather than the "terminating
 * connection due to administrator command" that a real lost connection looks like.
 */
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, testPostgresAdminUrl } from "./postgres-admin";

async function connect(url: string): Promise<{ client: pg.Client; errors: string[] }> {
  const client = new pg.Client({ connectionString: url });
  const errors: string[] = [];
  client.on("error", (error) => errors.push(error.message));
  await client.connect();
  return { client, errors };
}

async function exists(adminUrl: string, url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe("dropPostgresDatabase", () => {
  it("waits for a connection that closes during its grace instead of terminating it", async () => {
    const admin = testPostgresAdminUrl();
    const url = await createPostgresDatabase(admin);
    const { client, errors } = await connect(url);
    const dropped = dropPostgresDatabase(admin, url, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.end();
    await dropped;
    expect(errors).toEqual([]);
    expect(await exists(admin, url)).toBe(false);
  });

  it("terminates a connection nobody closes once the grace is over", async () => {
    const admin = testPostgresAdminUrl();
    const url = await createPostgresDatabase(admin);
    const { client, errors } = await connect(url);
    try {
      const started = Date.now();
      await dropPostgresDatabase(admin, url, 300);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(await exists(admin, url)).toBe(false);
      // The server's FATAL message first; pg then adds its own note on the closed socket.
      await vi.waitFor(() => expect(errors[0]).toBe("terminating connection due to administrator command"));
    } finally {
      await client.end().catch(() => {});
    }
  });
});
