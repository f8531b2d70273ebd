/**
 * A refusal the pages show says what happened: the server's own reason for a 4xx, never
 * "Something went wrong on our side" (which is for 5xx answers and a server that cannot be reached).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { CROSS_SITE_MESSAGE, SERVER_FAULT_MESSAGE } from "../lib/http/error-message";
import { STAFF } from "./fixtures/helpers";
import { AppServer } from "./fixtures/server";
import { expect, test } from "./fixtures/test";

/**
 * A proxy that names the upstream in Host instead of passing the client's on (nginx's default
 * `proxy_set_header Host $proxy_host`), with no TRACKER_PUBLIC_URL: the browser's Origin is the
 * proxy's, which Tracker cannot know is its own, so every state change is refused as cross-site.
 */
async function hostRewritingProxy(target: string): Promise<{ baseURL: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test("an order the edge refuses as cross-site says so on the form", async ({ page, server }) => {
  const proxy = await hostRewritingProxy(server.baseURL);
  await page.goto(`${proxy.baseURL}/order`);
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Margherita pizza", { exact: true }).fill("1");
  const answer = page.waitForResponse("**/api/orders");
  await page.getByRole("button", { name: "Place order" }).click();
  expect((await answer).status()).toBe(403);
  await expect(page.getByRole("alert").filter({ hasText: CROSS_SITE_MESSAGE })).toBeVisible();
  await expect(page.getByText(SERVER_FAULT_MESSAGE)).toHaveCount(0);
  await proxy.close();
});

test("a throttled sign-in shows the server's reason and when to try again", async ({ database, browser }) => {
  const server = await AppServer.launch("A", database, { TRACKER_LOGIN_MAX_FAILURES_PER_ACCOUNT: "1" });
  const context = await browser.newContext({ baseURL: server.baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/staff/login");
    await page.getByLabel("Email").fill(STAFF.email);
    for (const expected of [/Wrong email or password\./, /Too many failed sign-ins\. Try again in \d+ seconds\./]) {
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: expected })).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await expect(page.getByText(SERVER_FAULT_MESSAGE)).toHaveCount(0);
  } finally {
    await context.close();
    await server.dispose();
  }
});
