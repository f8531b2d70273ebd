/**
 * `npm run screenshots`: renders Tracker's main pages in Chromium and writes them to
 * docs/screenshots/ (the README shows them). It runs the production build on a fresh SQLite
 * database, places and advances a few orders through the public HTTP API as a shop would, then
 * photographs the pages on a phone and a desktop, in light and dark.
 *
 *   npm run screenshots [-- --out docs/screenshots]
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { AppServer } from "../e2e/fixtures/server";
import { E2E_STAFF } from "../e2e/fixtures/staff";
import type { OrderStatus } from "../lib/orders/status";
import type { OrderView, StaffOrderView } from "../lib/orders/types";
import { E2E_DIST_DIR, ROOT, buildIfStale } from "./build";
import { chromiumArgs, findChromium } from "./chromium";

const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 };

/** The orders on the board when it is photographed: who ordered what, and how far it has got. */
const ORDERS: { customerName: string; items: { name: string; quantity: number }[]; note?: string; to: OrderStatus[] }[] = [
  { customerName: "Ada Lovelace", items: [{ name: "Margherita pizza", quantity: 2 }, { name: "Lemonade", quantity: 2 }], note: "Ring twice, please", to: ["confirmed", "preparing"] },
  { customerName: "Grace Hopper", items: [{ name: "Diavola pizza", quantity: 1 }], to: [] },
  { customerName: "Alan Turing", items: [{ name: "Smash burger", quantity: 3 }, { name: "Fries", quantity: 3 }], to: ["confirmed"] },
  { customerName: "Katherine Johnson", items: [{ name: "Garden salad", quantity: 1 }], to: ["confirmed", "preparing", "ready"] },
  { customerName: "Edsger Dijkstra", items: [{ name: "Smash burger", quantity: 1 }], to: ["confirmed", "preparing", "ready", "out_for_delivery"] },
  { customerName: "Barbara Liskov", items: [{ name: "Margherita pizza", quantity: 1 }], to: ["confirmed", "preparing", "ready", "out_for_delivery", "delivered"] },
  { customerName: "Donald Knuth", items: [{ name: "Diavola pizza", quantity: 2 }], note: "Extra chilli", to: ["confirmed", "cancelled"] },
  { customerName: "Frances Allen", items: [{ name: "Fries", quantity: 2 }, { name: "Lemonade", quantity: 1 }], to: [] },
];

class Api {
  private cookie = "";

  constructor(private readonly baseURL: string) {}

  async send<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(pathname, this.baseURL), {
      method,
      headers: { "Content-Type": "application/json", ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0] ?? "";
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

/** Places the orders and moves each along its path; returns the tracking path of the one to photograph. */
async function stageOrders(baseURL: string): Promise<string> {
  const staff = new Api(baseURL);
  await staff.send("POST", "/api/staff/session", E2E_STAFF);
  let showcase = "";
  for (const [index, spec] of ORDERS.entries()) {
    const placed = await staff.send<{ order: OrderView; trackingUrl: string }>("POST", "/api/orders", {
      customerName: spec.customerName,
      items: spec.items,
      ...(spec.note ? { note: spec.note } : {}),
    });
    let version = placed.order.version;
    for (const to of spec.to) {
      const note = to === "cancelled" ? "Sorry, our pizza oven is down for the night. You have not been charged." : undefined;
      const moved = await staff.send<{ order: StaffOrderView }>(
        "POST",
        `/api/staff/orders/${encodeURIComponent(placed.order.id)}/transitions`,
        { to, expectedVersion: version, ...(note ? { note } : {}) },
      );
      version = moved.order.version;
    }
    if (index === 0) showcase = new URL(placed.trackingUrl).pathname;
  }
  return showcase;
}

async function shoot(
  browser: Browser,
  baseURL: string,
  file: string,
  options: BrowserContextOptions & { colorScheme: "light" | "dark" },
  prepare: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ ...options, baseURL, reducedMotion: "reduce" });
  try {
    const page = await context.newPage();
    await prepare(page);
    // Fonts and the live connection settle; animations are off (reduced motion).
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: file, fullPage: false });
    console.log(`screenshots: wrote ${path.relative(ROOT, file)}`);
  } finally {
    await context.close();
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto("/staff/login");
  await page.getByLabel("Email").fill(E2E_STAFF.email);
  await page.getByLabel("Password").fill(E2E_STAFF.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/staff\/?$/);
  await page.locator('[data-testid="order-card"]').first().waitFor();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string", default: path.join("docs", "screenshots") } } });
  const out = path.resolve(ROOT, values.out);
  mkdirSync(out, { recursive: true });

  buildIfStale(E2E_DIST_DIR);
  // Only the orders staged below, so the pictures show a known evening.
  const server = await AppServer.launch("screenshots", "sqlite", { TRACKER_SEED_DEMO_ORDERS: "false" });
  const browser = await chromium.launch({ executablePath: findChromium().path, args: chromiumArgs() });
  try {
    const tracking = await stageOrders(server.baseURL);
    const trackingReady = async (page: Page) => {
      await page.goto(tracking);
      await page.locator('[data-testid="connection-badge"][data-state="live"]').waitFor();
    };
    for (const colorScheme of ["light", "dark"] as const) {
      await shoot(browser, server.baseURL, path.join(out, `tracking-phone-${colorScheme}.png`), { ...PHONE, colorScheme }, trackingReady);
      await shoot(browser, server.baseURL, path.join(out, `board-desktop-${colorScheme}.png`), { ...DESKTOP, colorScheme }, signIn);
    }
    await shoot(browser, server.baseURL, path.join(out, "tracking-desktop-light.png"), { ...DESKTOP, colorScheme: "light" }, trackingReady);
    await shoot(browser, server.baseURL, path.join(out, "order-phone-light.png"), { ...PHONE, colorScheme: "light" }, async (page) => {
      await page.goto("/order");
      await page.getByLabel("Margherita pizza", { exact: true }).fill("2");
    });
    await shoot(browser, server.baseURL, path.join(out, "home-desktop-light.png"), { ...DESKTOP, colorScheme: "light" }, async (page) => {
      await page.goto("/");
    });
  } finally {
    await browser.close();
    await server.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
