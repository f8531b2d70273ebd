import "server-only";
import { DEFAULT_STAFF } from "@/lib/auth/default-staff";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { createOrder, transitionOrder } from "@/lib/orders/service";
import { PROGRESS, type OrderStatus } from "@/lib/orders/status";
import type { Actor } from "@/lib/orders/types";

function staffFromEnv() {
  return {
    email: process.env.STAFF_EMAIL?.trim() || DEFAULT_STAFF.email,
    password: process.env.STAFF_PASSWORD || DEFAULT_STAFF.password,
    name: process.env.STAFF_NAME?.trim() || DEFAULT_STAFF.name,
  };
}

const MIN = 60_000;

/**
 * The demo's open orders, each with how many minutes ago it reached each status on its way, so
 * the tracking page and the board show orders that have been moving for a while.
 */
const DEMO_ORDERS: { customerName: string; items: { name: string; quantity: number }[]; status: OrderStatus; minutesAgo: number[] }[] = [
  { customerName: "Ada", items: [{ name: "Margherita pizza", quantity: 1 }], status: "placed", minutesAgo: [0] },
  {
    customerName: "Grace",
    items: [
      { name: "Falafel wrap", quantity: 2 },
      { name: "Lemonade", quantity: 2 },
    ],
    status: "confirmed",
    minutesAgo: [3, 1],
  },
  { customerName: "Linus", items: [{ name: "Ramen bowl", quantity: 1 }], status: "preparing", minutesAgo: [16, 14, 10] },
  { customerName: "Barbara", items: [{ name: "Caesar salad", quantity: 1 }], status: "out_for_delivery", minutesAgo: [42, 40, 37, 24, 15] },
];

/**
 * Yesterday's delivered orders, as minutes per stage (placed, confirmed, preparing, ready, out
 * for delivery): history the tracking page learns its estimates from (lib/orders/eta.ts).
 */
const DEMO_HISTORY: number[][] = [
  [2, 3, 12, 4, 18],
  [1, 2, 14, 6, 22],
  [3, 2, 11, 5, 17],
  [2, 4, 16, 3, 20],
  [1, 3, 13, 4, 25],
  [2, 2, 12, 7, 19],
  [4, 3, 15, 5, 21],
  [2, 2, 10, 4, 16],
];

/** Moves an order's events (oldest first) and its own timestamps to `times`. */
async function backdate(orderId: string, times: Date[]): Promise<void> {
  const client = db();
  const events = await client.orderEvent.findMany({ where: { orderId }, orderBy: { id: "asc" }, select: { id: true } });
  for (const [index, event] of events.entries()) {
    const at = times[index];
    if (at) await client.orderEvent.update({ where: { id: event.id }, data: { at } });
  }
  await client.order.update({ where: { id: orderId }, data: { createdAt: times[0], updatedAt: times[times.length - 1] } });
}

async function advanceTo(orderId: string, target: OrderStatus, actor: Actor): Promise<void> {
  let version = 1;
  for (const status of PROGRESS.slice(1, PROGRESS.indexOf(target) + 1)) {
    const result = await transitionOrder({ orderId, to: status, expectedVersion: version, actor });
    if (!result.ok) throw new Error(`Seeding could not move order ${orderId} to ${status}: ${result.reason}`);
    version = result.order.version;
  }
}

/**
 * Fills an empty database: the owner's account (from STAFF_* or the documented defaults) and a few
 * demo orders. A database that already has staff or orders is left as it is.
 */
export async function seedIfEmpty(log: (line: string) => void = console.log): Promise<void> {
  const client = db();
  if ((await client.staffUser.count()) === 0) {
    const staff = staffFromEnv();
    // The first account is the owner: someone must be able to manage API keys and webhooks.
    await upsertStaffUser(client, { ...staff, role: "owner" });
    log(`Created owner account ${staff.email}${staff.password === DEFAULT_STAFF.password ? " (default password)" : ""}.`);
  }
  if ((await client.order.count()) === 0 && process.env.TRACKER_SEED_DEMO_ORDERS !== "false") {
    const owner = await client.staffUser.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const actor: Actor = { kind: "staff", id: owner.id, name: owner.name };
    const now = Date.now();
    for (const [n, minutes] of DEMO_HISTORY.entries()) {
      const { order } = await createOrder({ customerName: `Guest ${n + 1}`, items: [{ name: "Margherita pizza", quantity: 1 }] });
      await advanceTo(order.id, "delivered", actor);
      const start = now - 24 * 60 * MIN + n * 20 * MIN;
      const times = minutes.reduce((list, m) => [...list, (list.at(-1) ?? start) + m * MIN], [start]);
      await backdate(order.id, times.map((t) => new Date(t)));
    }
    for (const demo of DEMO_ORDERS) {
      const { order } = await createOrder({ customerName: demo.customerName, items: demo.items });
      await advanceTo(order.id, demo.status, actor);
      await backdate(order.id, demo.minutesAgo.map((m) => new Date(now - m * MIN)));
    }
    log(`Created ${DEMO_ORDERS.length} demo orders and ${DEMO_HISTORY.length} delivered ones from yesterday.`);
  }
}
