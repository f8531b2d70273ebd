import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateStaff } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { ROOT, TSX_CLI } from "./build";

let cleanup: () => Promise<void>;

// The script runs as `npm run staff:add` would, on this process's database (DATABASE_URL).
beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
});
afterAll(() => cleanup());

/** `npm run staff:add -- <args>` with `stdin` piped in. */
function staffAdd(args: string[], stdin: string) {
  const result = spawnSync(process.execPath, [TSX_CLI, "--conditions=react-server", path.join(ROOT, "scripts", "staff-add.ts"), ...args], {
    cwd: ROOT,
    input: stdin,
    env: process.env,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run staff:add", () => {
  // Each case spawns the script (about 2 s on an idle machine): generous limits for a busy one.
  it("creates an account from a password on stdin, then resets it", { timeout: 60_000 }, async () => {
    const created = staffAdd(["--email", "Chef@Example.com", "--name", "Chef"], "a long enough password\n");
    expect(created.output).toMatch(/Created staff account chef@example\.com/);
    expect(created.status).toBe(0);
    expect(await authenticateStaff("chef@example.com", "a long enough password")).toMatchObject({ name: "Chef" });

    const reset = staffAdd(["--email", "chef@example.com"], "another long password\n");
    expect(reset.output).toMatch(/new password for chef@example\.com/);
    expect(await authenticateStaff("chef@example.com", "a long enough password")).toBeNull();
    expect(await authenticateStaff("chef@example.com", "another long password")).toMatchObject({ name: "Chef", role: "staff" });
  });

  it("makes an owner with --owner, and staff again with --staff", { timeout: 60_000 }, async () => {
    const owner = staffAdd(["--email", "boss@example.com", "--owner"], "a long enough password\n");
    expect(owner.output).toMatch(/Created owner account boss@example\.com/);
    expect(await db().staffUser.findUniqueOrThrow({ where: { email: "boss@example.com" } })).toMatchObject({ role: "owner" });
    const kept = staffAdd(["--email", "boss@example.com"], "another long password\n");
    expect(kept.output).toMatch(/\(owner\)/);
    const demoted = staffAdd(["--email", "boss@example.com", "--staff"], "a third long password\n");
    expect(demoted.output).toMatch(/\(staff\)/);
    expect(await db().staffUser.findUniqueOrThrow({ where: { email: "boss@example.com" } })).toMatchObject({ role: "staff" });
    expect(staffAdd(["--email", "boss@example.com", "--owner", "--staff"], "a long enough password\n").output).toMatch(/Usage/);
  });

  it("refuses a short password, the documented default, and a missing email, changing nothing", { timeout: 60_000 }, async () => {
    for (const [args, stdin, message] of [
      [["--email", "new@example.com"], "short\n", /at least 12 characters/],
      [["--email", "new@example.com"], "tracker-staff\n", /at least 12 characters|default password/],
      [["--email", "not an email"], "a long enough password\n", /email address/],
      [[], "a long enough password\n", /Usage/],
    ] as const) {
      const result = staffAdd([...args], stdin);
      expect(result.status, result.output).toBe(1);
      expect(result.output).toMatch(message);
    }
    expect(await authenticateStaff("new@example.com", "a long enough password")).toBeNull();
  });
});
