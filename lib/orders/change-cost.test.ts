/**
 * What one status change costs the database, counted at the driver (issue 15): its staff
 * session check, its transaction, and the hub's read that delivers it. PostgreSQL's budget is in
 * round trips (each a network wait); SQLite's in statements (each a pass through Prisma).
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createStaffSession, staffForCookie } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { testProvider, useFreshDatabase } from "@/test/support/databases";
import { getHub } from "./event-log/hub";
import { createOrder, transitionOrder } from "./service";

let cleanup: () => Promise<void>;
const sent: string[] = [];
let counting = false;
const restore: (() => void)[] = [];

/** Records every statement the process sends while `counting`, wrapping the driver's own method. */
function countAt<T extends object>(proto: T, method: keyof T & string, sqlOf: (self: unknown, args: unknown[]) => string): void {
  const original = proto[method] as (...args: unknown[]) => unknown;
  (proto as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    if (counting) sent.push(sqlOf(this, args));
    return original.apply(this, args);
  };
  restore.push(() => ((proto as Record<string, unknown>)[method] = original));
}

beforeAll(async () => {
  // The hub's safety poll (a read every second, lib/sse/hub.ts) is not part of a change's cost:
  // one falling inside the counted window would be counted as this change's second read.
  vi.stubEnv("TRACKER_POLL_MS", String(10 * 60_000));
  ({ cleanup } = await useFreshDatabase());
  if (testProvider() === "postgresql") {
    countAt(pg.Client.prototype, "query", (_, [query]) => (typeof query === "string" ? query : String((query as { text?: string }).text)));
  } else {
    const statement = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as object;
    for (const method of ["run", "all", "get"] as const) countAt(statement, method as never, (self) => (self as { source: string }).source);
  }
});

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const undo of restore) undo();
  await cleanup();
});

it("a status change costs at most 6 statements or round trips, its delivery included, and no session read", async () => {
  const user = await db().staffUser.create({ data: { id: "cost-staff", email: "cost@example.com", name: "Cost", passwordHash: "x" } });
  const { cookie } = await createStaffSession(user.id);
  const [first, second] = await Promise.all([0, 1].map(() => createOrder({ customerName: "Ada", items: [{ name: "Tea", quantity: 1 }] })));
  const hub = getHub();
  const delivered: number[] = [];
  await hub.subscribe({ audience: { kind: "staff" }, event: (message) => delivered.push(message.id), keepAlive() {}, close() {} });
  // Warm: the session verified once, the statements prepared, the hub running.
  await staffForCookie(cookie);
  const warm = await transitionOrder({ orderId: first?.order.id ?? "", to: "confirmed", expectedVersion: 1, actor: { kind: "staff", id: user.id, name: user.name } });
  await expect.poll(() => delivered.length).toBe(1);
  await hub.idle();

  counting = true;
  expect(await staffForCookie(cookie)).toMatchObject({ id: user.id });
  const change = await transitionOrder({ orderId: second?.order.id ?? "", to: "confirmed", expectedVersion: 1, actor: { kind: "staff", id: user.id, name: user.name } });
  await expect.poll(() => delivered.length).toBe(2);
  // PostgreSQL's NOTIFY of this change arrives after the hub has read it: let it come and go.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await hub.idle();
  counting = false;

  expect(warm.ok && change.ok).toBe(true);
  expect(sent.filter((sql) => /StaffSession/.test(sql))).toEqual([]);
  expect(sent.length, sent.join("\n")).toBeLessThanOrEqual(6);
});
