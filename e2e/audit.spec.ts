/**
 * Who changed what: every status change records the staff account that made it, the board shows
 * it, and nothing a customer receives (page, JSON, stream) names anyone on the staff.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { ROOT, TSX_CLI } from "../scripts/build";
import { advance, loginAsStaff, placeOrderViaApi, STAFF } from "./fixtures/helpers";
import { serverEnv } from "./fixtures/server";
import { dataOf, readStream } from "./fixtures/sse";
import { expect, test } from "./fixtures/test";

const SECOND = { email: "robin@example.com", name: "Robin at the pass", password: "robin's own long password" };

/** `npm run staff:add`, as an owner would run it on the server's database. */
function addStaff(databaseUrl: string, account: typeof SECOND): void {
  const result = spawnSync(
    process.execPath,
    [TSX_CLI, "--conditions=react-server", path.join(ROOT, "scripts", "staff-add.ts"), "--email", account.email, "--name", account.name],
    { cwd: ROOT, input: `${account.password}\n`, env: serverEnv(databaseUrl), encoding: "utf8" },
  );
  expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
}

async function signedIn(api: APIRequestContext, account: { email: string; password: string }): Promise<void> {
  const response = await api.post("/api/staff/session", { data: { email: account.email, password: account.password } });
  expect(response.status()).toBe(200);
}

test("each change names the account that made it on the board, and never to the customer", async ({ page, playwright, request, server, staff }) => {
  addStaff(server.databaseUrl, SECOND);
  const robin = await playwright.request.newContext({ baseURL: server.baseURL });
  try {
    await signedIn(robin, SECOND);
    const placed = await placeOrderViaApi(request, { customerName: "Audit Ada" });
    const byFirst = await advance(staff, placed.order.id, "confirmed", 1);
    const bySecond = await advance(robin, placed.order.id, "preparing", 2);
    const firstName = byFirst.timeline.at(-1)?.actor?.name ?? "";
    expect(firstName).not.toBe("");
    expect(bySecond.timeline.map((event) => event.actor?.name ?? null)).toEqual([null, firstName, SECOND.name]);

    await loginAsStaff(page);
    const card = page.getByRole("article").filter({ hasText: "Audit Ada" });
    await expect(card).toContainText(`by ${SECOND.name}`);

    // The customer: the page, its JSON and its stream carry the changes but no staff identity.
    await page.goto(placed.trackingPath);
    await expect(page.getByText("Preparing").first()).toBeVisible();
    const pageText = await page.locator("body").innerText();
    const json = JSON.stringify(await (await request.get(`/api/track/${placed.token}`)).json());
    const stream = await readStream(`${server.baseURL}/api/track/${placed.token}/events?lastEventId=0`, {}, (text) => dataOf(text).length >= 3);
    for (const seen of [pageText, json, stream.text]) {
      for (const secret of [firstName, SECOND.name, STAFF.email, SECOND.email, "actor"]) expect(seen).not.toContain(secret);
    }
    expect(dataOf(stream.text).map((event) => event.status)).toEqual(["placed", "confirmed", "preparing"]);
  } finally {
    await robin.dispose();
  }
});
