/** tracker_events_written_total counts what the write path commits, and nothing it does not. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db, dbProvider } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/databases";
import { appendEvent, processWrittenCounts } from "@/lib/orders/event-log/append";
import { createOrder, transitionOrder } from "@/lib/orders/service";
import type { Actor } from "@/lib/orders/types";

let cleanup: () => Promise<void>;
let actor: Actor;

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  const { id } = await upsertStaffUser(db(), { email: "cook@example.com", name: "Cook", password: "pw-123456" });
  actor = { kind: "staff", id, name: "Cook" };
});
afterAll(() => cleanup());

const written = () => ({ ...processWrittenCounts() });

describe("events written", () => {
  it("counts each committed event once, by type", async () => {
    const before = written();
    const { order } = await createOrder({ customerName: "Ada", items: [{ name: "Soup", quantity: 1 }] });
    await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor });
    await transitionOrder({ orderId: order.id, to: "preparing", expectedVersion: 2, actor });
    expect(written()).toEqual({
      "order.created": before["order.created"] + 1,
      "order.status": before["order.status"] + 2,
    });
  });

  it("counts nothing for a refused transition", async () => {
    const { order } = await createOrder({ customerName: "Ada", items: [{ name: "Soup", quantity: 1 }] });
    const before = written();
    expect(await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 7, actor })).toMatchObject({ ok: false });
    expect(await transitionOrder({ orderId: order.id, to: "delivered", expectedVersion: 1, actor })).toMatchObject({ ok: false });
    expect(written()).toEqual(before);
  });

  it("counts nothing when the transaction that appended the event rolls back", async () => {
    const { order } = await createOrder({ customerName: "Ada", items: [{ name: "Soup", quantity: 1 }] });
    const before = written();
    // The event row is inserted, then the transaction fails after it: nothing was written.
    const rollback = db().$transaction(async (tx) => {
      await appendEvent(
        tx,
        { orderId: order.id, type: "order.status", status: "confirmed", previousStatus: "placed", version: 2 },
        dbProvider(),
      );
      throw new Error("rolled back after the append");
    });
    await expect(rollback).rejects.toThrow("rolled back after the append");
    expect(written()).toEqual(before);
    expect(await db().orderEvent.count({ where: { orderId: order.id } })).toBe(1);
  });
});
