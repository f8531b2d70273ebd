import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { ROOT, TSX_CLI } from "./build";

let cleanup: () => Promise<void>;

// The script runs as `npm run webhook` would, on this process's database (DATABASE_URL).
beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
});
afterAll(() => cleanup());

function webhook(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [TSX_CLI, "--conditions=react-server", path.join(ROOT, "scripts", "webhook.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run webhook", () => {
  // Each case spawns the script (about 2 s on an idle machine): generous limits for a busy one.
  it("adds an endpoint with its secret printed once, lists it, enables and removes it", { timeout: 90_000 }, async () => {
    const added = webhook(["add", "--url", "http://127.0.0.1:9/hooks", "--event", "order.status"], { TRACKER_WEBHOOK_ALLOW_PRIVATE: "true" });
    expect(added.status, added.stderr).toBe(0);
    const secret = added.stdout.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = await db().webhookEndpoint.findMany();
    expect(row).toMatchObject({ url: "http://127.0.0.1:9/hooks", eventTypes: "order.status" });
    expect(row?.sealedSecret).not.toContain(secret.slice(6));

    const listed = webhook(["list"]);
    expect(listed.stdout).toContain(`${row?.id}  http://127.0.0.1:9/hooks  [order.status]`);
    expect(listed.stdout).not.toContain(secret.slice(6));

    await db().webhookEndpoint.update({ where: { id: row?.id }, data: { disabledAt: new Date(), disabledReason: "HTTP 500 for a day" } });
    expect(webhook(["list"]).stdout).toMatch(/DISABLED .*HTTP 500 for a day/);
    expect(webhook(["enable", row?.id ?? ""]).status).toBe(0);
    expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: row?.id } })).toMatchObject({ disabledAt: null });
    expect(webhook(["remove", row?.id ?? ""]).status).toBe(0);
    expect(await db().webhookEndpoint.count()).toBe(0);
  });

  it("refuses a private target without TRACKER_WEBHOOK_ALLOW_PRIVATE, a bad URL or type, and unknown ids", { timeout: 90_000 }, async () => {
    for (const [args, message] of [
      [["add", "--url", "http://127.0.0.1:9/hooks", "--event", "order.status"], /loopback/],
      [["add", "--url", "ftp://example.com/", "--event", "order.status"], /http or https/],
      [["add", "--url", "https://user:pw@example.com/", "--event", "order.status"], /credentials/],
      [["add", "--url", "https://example.com/"], /at least one event type/],
      [["add", "--url", "https://example.com/", "--event", "order.deleted"], /eventTypes/],
      [["remove", "nope"], /No webhook endpoint/],
      [["rotate"], /Usage/],
    ] as const) {
      const result = webhook([...args], { TRACKER_WEBHOOK_ALLOW_PRIVATE: "" });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
    }
    expect(await db().webhookEndpoint.count()).toBe(0);
  });
});
