/**
 * The owner's integrations page (/staff/integrations), used as an owner would: a key made on the
 * page is shown once, places an order the board credits to it, and stops working when revoked
 * there; a webhook added there delivers signed messages whose attempts the page lists, failing
 * ones too; a plain staff account made with `npm run staff:add` is turned away, page and API; and
 * the page passes axe light and dark and fits a phone.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ROOT, TSX_CLI } from "../scripts/build";
import { startWebhookReceiver } from "../test/support/webhook-receiver";
import { expectNoSeriousA11yViolations } from "./fixtures/axe";
import { loginAsStaff, orderCard, placeOrderViaApi, staffApi } from "./fixtures/helpers";
import { AppServer, serverEnv } from "./fixtures/server";
import { expect, test } from "./fixtures/test";

const WEBHOOK_ENV = {
  TRACKER_WEBHOOK_ALLOW_PRIVATE: "true",
  TRACKER_WEBHOOK_RETRY_BASE_MS: "200",
  TRACKER_WEBHOOK_POLL_MS: "200",
};
const PHONE = { width: 390, height: 844 };

function apiKeysRegion(page: Page) {
  return page.getByRole("region", { name: "API keys" });
}

function webhooksRegion(page: Page) {
  return page.getByRole("region", { name: "Webhooks" });
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

/** Makes a key through the page's form; answers the key the page shows once. */
async function createKeyOnPage(page: Page, name: string, scopes: string[]): Promise<string> {
  const region = apiKeysRegion(page);
  await region.getByLabel("Name").fill(name);
  for (const scope of scopes) await region.getByRole("checkbox", { name: scope }).check();
  await region.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key").getByRole("textbox");
  await expect(shown).toHaveValue(/^trk_[A-Za-z0-9_-]{43}$/);
  return shown.inputValue();
}

/** `npm run staff:add` against the server's own database, the password on stdin as a script would pipe it. */
function addPlainStaff(databaseUrl: string, email: string, password: string): void {
  const result = spawnSync(process.execPath, [TSX_CLI, "--conditions=react-server", path.join(ROOT, "scripts", "staff-add.ts"), "--email", email, "--name", "Line cook"], {
    cwd: ROOT,
    input: `${password}\n`,
    env: serverEnv(databaseUrl),
    encoding: "utf8",
  });
  expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
}

test("an owner makes a key on the page, reads it once, places an order the board credits to it, and revokes it", async ({ page, request }) => {
  await loginAsStaff(page);
  await page.getByRole("link", { name: "API keys and webhooks" }).click();
  await expect(page).toHaveURL(/\/staff\/integrations$/);

  const key = await createKeyOnPage(page, "Till 2", ["orders:create"]);
  const listed = page.getByTestId("api-key").filter({ hasText: "Till 2" });
  await expect(listed).toContainText(`${key.slice(0, 10)}…`);
  await expect(listed).toContainText("orders:create");
  await expect(listed).toContainText("last used never");
  await expect(page.getByTestId("integrations-announcer")).toContainText("Key Till 2 created.");

  await page.reload();
  await expect(listed).toBeVisible();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content(), "the key is not on the page again").not.toContain(key);

  const asTill = { authorization: `Bearer ${key}` };
  const order = { customerName: "Ada Lovelace", items: [{ name: "Margherita pizza", quantity: 2 }], externalId: "1042" };
  const placed = await request.post("/api/orders", { headers: asTill, data: order });
  expect(placed.status(), await placed.text()).toBe(201);
  const { order: created } = (await placed.json()) as { order: { id: string } };

  await page.goto("/staff");
  await expect(orderCard(page, created.id).getByTestId("order-source")).toContainText("Till 2 #1042");

  await page.goto("/staff/integrations");
  await expect(listed).not.toContainText("last used never");
  await listed.getByRole("button", { name: "Revoke Till 2" }).click();
  await expect(listed.getByRole("button", { name: "Revoke key" })).toBeFocused();
  await listed.getByRole("button", { name: "Revoke key" }).click();
  await expect(listed).toHaveAttribute("data-revoked", "true");
  await expect(listed.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await expect(page.getByTestId("integrations-announcer")).toHaveText("Key Till 2 revoked.");

  // The instance that revoked the key forgets it at once: no wait for the cache's recheck.
  const refused = await request.post("/api/orders", { headers: asTill, data: { ...order, externalId: "1043" } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("api_key_revoked");
  await page.reload();
  await expect(listed).toHaveAttribute("data-revoked", "true");
  await expect(listed).toContainText("Revoked");
});

test("an owner adds a webhook on the page, reads its secret once, and follows its deliveries, failing ones too", async ({
  browser,
  database,
  playwright,
}) => {
  const receiver = await startWebhookReceiver();
  const server = await AppServer.launch("A", database, WEBHOOK_ENV);
  const context = await browser.newContext({ baseURL: server.baseURL });
  const api = await playwright.request.newContext({ baseURL: server.baseURL });
  try {
    const page = await context.newPage();
    await loginAsStaff(page);
    await page.goto("/staff/integrations");
    const region = webhooksRegion(page);
    await expect(region).toContainText("No webhook endpoints yet.");

    // The server's own words for a refusal appear beside the form.
    await region.getByLabel("URL").fill("ftp://example.com/hooks");
    await region.getByRole("checkbox", { name: "order.created" }).check();
    await region.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("webhook-error")).toContainText(/^url: /);

    await region.getByLabel("URL").fill(receiver.url);
    await region.getByRole("button", { name: "Add endpoint" }).click();
    const secretField = page.getByTestId("new-webhook-secret").getByRole("textbox");
    await expect(secretField).toHaveValue(/^whsec_/);
    const secret = await secretField.inputValue();
    await expect(page.getByTestId("webhook-error")).toHaveCount(0);
    const endpoint = page.getByTestId("webhook").filter({ hasText: receiver.url });
    await expect(endpoint).toHaveAttribute("data-state", "ok");
    await expect(endpoint).toContainText("order.created");
    await expect(endpoint).toContainText("No deliveries yet.");

    const first = await placeOrderViaApi(api, { customerName: "Webhook one" });
    await expect.poll(() => receiver.received.length, { message: "the receiver got the order" }).toBeGreaterThan(0);
    await page.reload();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
    expect(await page.content(), "the secret is not on the page again").not.toContain(secret);
    const [message] = receiver.verified(secret);
    expect(message).toMatchObject({ type: "order.created", data: { orderId: first.order.id } });
    const delivered = endpoint.getByTestId("webhook-attempt").first();
    await expect(delivered).toHaveAttribute("data-status", "204");
    await expect(delivered).toContainText("HTTP 204");
    await expect(delivered).toContainText(String(message?.data.eventId));

    receiver.answer = 500;
    await placeOrderViaApi(api, { customerName: "Webhook two" });
    await expect(async () => {
      await page.reload();
      await expect(endpoint).toHaveAttribute("data-state", "failing", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(endpoint.getByTestId("webhook-state")).toContainText("Failing since");
    await expect(endpoint.getByTestId("webhook-attempt").first()).toContainText("HTTP 500");

    receiver.answer = 204;
    await expect(async () => {
      await page.reload();
      await expect(endpoint).toHaveAttribute("data-state", "ok", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(endpoint.getByTestId("webhook-attempt").first()).toHaveAttribute("data-status", "204");

    await endpoint.getByRole("button", { name: `Remove ${receiver.url}` }).click();
    await endpoint.getByRole("button", { name: "Remove endpoint" }).click();
    await expect(endpoint).toHaveCount(0);
    await expect(region).toContainText("No webhook endpoints yet.");
    await expect(page.getByTestId("integrations-announcer")).toHaveText(`Endpoint ${receiver.url} removed.`);
  } finally {
    await context.close();
    await api.dispose();
    await server.dispose();
    await receiver.close();
  }
});

test("a plain staff account made with staff:add is told the page is the owner's, and the API refuses it", async ({ page, server, playwright }) => {
  await page.goto("/staff/integrations");
  await expect(page).toHaveURL(/\/staff\/login$/);

  const cook = { email: "cook@tracker.local", password: "a line cook's own password" };
  addPlainStaff(server.databaseUrl, cook.email, cook.password);
  await page.getByLabel("Email").fill(cook.email);
  await page.getByLabel("Password").fill(cook.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/staff\/?$/);
  await expect(page.getByRole("heading", { name: "Open orders" })).toBeVisible();
  await expect(page.getByRole("link", { name: "API keys and webhooks" })).toHaveCount(0);

  await page.goto("/staff/integrations");
  await expect(page.getByTestId("owner-only")).toContainText("Only an owner can manage API keys and webhooks.");
  await expect(page.getByRole("region", { name: "API keys" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "integrations page, plain staff");

  const api = await playwright.request.newContext({ baseURL: server.baseURL, storageState: await page.context().storageState() });
  try {
    const refused = await api.get("/api/staff/api-keys");
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("owner_only");
  } finally {
    await api.dispose();
  }

  await page.getByRole("link", { name: "Go to the board" }).click();
  await expect(page).toHaveURL(/\/staff\/?$/);
});

test("the page passes axe light and dark with keys, endpoints and attempts, and fits a phone without sideways scrolling", async ({
  browser,
  database,
  playwright,
}) => {
  const receiver = await startWebhookReceiver();
  const server = await AppServer.launch("A", database, WEBHOOK_ENV);
  const context = await browser.newContext({ baseURL: server.baseURL });
  const owner = await staffApi(playwright.request, server.baseURL);
  try {
    const longUrl = `${receiver.url}/${"a-rather-long-path-segment-".repeat(6)}end?shop=corner-pizza-on-the-high-street`;
    for (const data of [
      { url: longUrl, eventTypes: ["order.created", "order.status"] },
      { url: receiver.url, eventTypes: ["order.status"] },
    ]) {
      const added = await owner.post("/api/staff/webhooks", { data });
      expect(added.status(), await added.text()).toBe(201);
    }
    const revoked = await owner.post("/api/staff/api-keys", { data: { name: "Old web shop", scopes: ["orders:create", "events:read"] } });
    const { apiKey } = (await revoked.json()) as { apiKey: { id: string } };
    expect((await owner.delete(`/api/staff/api-keys/${apiKey.id}`)).status()).toBe(204);
    await placeOrderViaApi(owner, { customerName: "Axe" });
    await expect.poll(() => receiver.received.length).toBeGreaterThan(0);

    const page = await context.newPage();
    await loginAsStaff(page);
    await page.goto("/staff/integrations");
    await expect(page.getByTestId("webhook-attempt").first()).toBeVisible();
    await createKeyOnPage(page, "Delivery partner with a rather long name for its key", ["orders:write", "events:read"]);
    await page.getByRole("button", { name: "Revoke Delivery partner with a rather long name for its key" }).click();

    await page.emulateMedia({ colorScheme: "light" });
    await expectNoSeriousA11yViolations(page, "integrations page, light");
    await page.emulateMedia({ colorScheme: "dark" });
    await expectNoSeriousA11yViolations(page, "integrations page, dark");

    await page.setViewportSize(PHONE);
    await expectNoHorizontalScroll(page);
    await test.info().attach("phone dark", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
    await expectNoSeriousA11yViolations(page, "integrations page, phone, dark");
    await page.emulateMedia({ colorScheme: "light" });
    await expectNoHorizontalScroll(page);
    await test.info().attach("phone light", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  } finally {
    await context.close();
    await owner.dispose();
    await server.dispose();
    await receiver.close();
  }
});
