import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyForToken } from "@/lib/auth/api-keys";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { ROOT, TSX_CLI } from "./build";

let cleanup: () => Promise<void>;

// The script runs as `npm run apikey` would, on this process's database (DATABASE_URL).
beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
});
afterAll(() => cleanup());

function apikey(args: string[]) {
  const result = spawnSync(process.execPath, [TSX_CLI, "--conditions=react-server", path.join(ROOT, "scripts", "apikey.ts"), ...args], {
    cwd: ROOT,
    env: process.env,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run apikey", () => {
  // Each case spawns the script (about 2 s on an idle machine): generous limits for a busy one.
  it("creates a key printed once on stdout, lists it without the key, and revokes it by its prefix", { timeout: 90_000 }, async () => {
    const created = apikey(["create", "--name", "Till 2", "--scope", "orders:create", "--scope", "orders:write"]);
    expect(created.status, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^trk_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/only time the key is shown/);
    expect(await apiKeyForToken(key)).toMatchObject({ ok: true, key: { name: "Till 2", scopes: ["orders:create", "orders:write"] } });

    const listed = apikey(["list"]);
    expect(listed.stdout).toMatch(/Till 2 {2}\[orders:create orders:write\]/);
    expect(listed.stdout).not.toContain(key.slice(10));
    const prefix = /(trk_\S+)…/.exec(listed.stdout)?.[1] ?? "";
    expect(key.startsWith(prefix)).toBe(true);

    const revoked = apikey(["revoke", `${prefix}…`]);
    expect(revoked.status, revoked.stderr).toBe(0);
    // This test process verified the key above: another process's revocation reaches it within the
    // recheck bound (api-keys.test.ts), so the row is what shows the script did it.
    expect(await db().apiKey.findFirstOrThrow({ where: { name: "Till 2" } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(apikey(["list"]).stdout).toMatch(/Till 2 .* revoked /);
    expect(apikey(["revoke", prefix])).toMatchObject({ status: 1, stderr: expect.stringMatching(/already revoked/) });
  });

  it("refuses a key without a name or scope, an unknown scope, and an unknown command, creating nothing", { timeout: 90_000 }, () => {
    for (const [args, message] of [
      [["create", "--scope", "orders:create"], /name: must not be empty/],
      [["create", "--name", "Till"], /at least one scope/],
      [["create", "--name", "Till", "--scope", "orders:delete"], /scopes\.0/],
      [["revoke", "trk_nothing"], /No API key/],
      [["rotate"], /Usage/],
    ] as const) {
      const result = apikey([...args]);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
    }
    expect(apikey(["list"]).stdout).not.toMatch(/Till {2}\[/);
  });
});
