import "server-only";
import { DEFAULT_STAFF } from "@/lib/auth/default-staff";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "./client";
import { createOrder, transitionOrder } from "@/lib/orders/service";
import { PROGRESS, type OrderStatus } from "@/lib/orders/status";

function staffFromEnv() {
  return {
    email: process.env.STAFF_EMAIL?.trim() || DEFAULT_STAFF.email,
    password: process.env.STAFF_PASSWORD || DEFAULT_STAFF.password,
    name: process.env.STAFF_NAME?.trim() || DEFAULT_STAFF.name,
  };
}

const DEMO_ORDERS: { customerName: string; items: { name: string; quantity: number }[]; status: OrderStatus }[] = [
  { customerName: "Ada", items: [{ name: "Margherita pizza", quantity: 1 }], status: "placed" },
  {
    customerName: "Grace",
    items: [
      { name: "Falafel wrap", quantity: 2 },
      { name: "Lemonade", quantity: 2 },
    ],
    status: "confirmed",
  },
  { customerName: "Linus", items: [{ name: "Ramen bowl", quantity: 1 }], status: "preparing" },
  { customerName: "Barbara", items: [{ name: "Caesar salad", quantity: 1 }], status: "out_for_delivery" },
];

async function advanceTo(orderId: string, target: OrderStatus, actor: { id: string; name: string }): Promise<void> {
  let version = 1;
  for (const status of PROGRESS.slice(1, PROGRESS.indexOf(target) + 1)) {
    const result = await transitionOrder({ orderId, to: status, expectedVersion: version, actor });
    if (!result.ok) throw new Error(`Seeding could not move order ${orderId} to ${status}: ${result.reason}`);
    version = result.order.version;
  }
}

/**
 * Fills an empty database: the staff account (from STAFF_* or the documented defaults) and a few
 * demo orders. A database that already has staff or orders is left as it is.
 */
export async function seedIfEmpty(log: (line: string) => void = console.log): Promise<void> {
  const client = db();
  if ((await client.staffUser.count()) === 0) {
    const staff = staffFromEnv();
    await upsertStaffUser(client, staff);
    log(`Created staff account ${staff.email}${staff.password === DEFAULT_STAFF.password ? " (default password)" : ""}.`);
  }
  if ((await client.order.count()) === 0 && process.env.TRACKER_SEED_DEMO_ORDERS !== "false") {
    const actor = await client.staffUser.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    for (const demo of DEMO_ORDERS) {
      const { order } = await createOrder({ customerName: demo.customerName, items: demo.items });
      await advanceTo(order.id, demo.status, actor);
    }
    log(`Created ${DEMO_ORDERS.length} demo orders.`);
  }
}
