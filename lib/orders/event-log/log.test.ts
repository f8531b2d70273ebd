import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, insertOrder, insertStatus, type TestDb } from "@/test/support/order-events";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe("event log reads", () => {
  it("reports 0 for an empty log, then the highest id", async () => {
    expect(await t.log.latestEventId()).toBe(0);
    const { orderId } = await insertOrder(t.client);
    const last = await insertStatus(t.client, orderId, "confirmed");
    expect(await t.log.latestEventId()).toBe(last);
  });

  it("reads events after a cursor in id order, at most `limit`", async () => {
    const a = await insertOrder(t.client);
    const b = await insertOrder(t.client);
    const ids = [a.eventId, b.eventId, await insertStatus(t.client, a.orderId, "confirmed")];
    expect((await t.log.readEventsAfter(0, 10)).map((e) => e.id)).toEqual(ids);
    expect((await t.log.readEventsAfter(ids[0] ?? 0, 1)).map((e) => e.id)).toEqual([ids[1]]);
    expect(await t.log.readEventsAfter(ids[2] ?? 0, 10)).toEqual([]);
  });

  it("maps each row to the customer and the staff payload", async () => {
    await t.client.staffUser.create({
      data: { id: "staff-1", email: "s@example.test", name: "Sam", passwordHash: "x" },
    });
    const { orderId, eventId } = await insertOrder(t.client, "Grace");
    const order = await t.client.order.findUniqueOrThrow({ where: { id: orderId } });
    const status = await t.client.orderEvent.create({
      data: {
        orderId,
        type: "order.status",
        status: "confirmed",
        previousStatus: "placed",
        version: 2,
        note: "on it",
        actorId: "staff-1",
      },
    });
    const [created, confirmed] = await t.log.readEventsAfter(0, 10);
    expect(created?.id).toBe(eventId);
    expect(created?.type).toBe("order.created");
    expect(confirmed?.customer).toEqual({
      eventId: status.id,
      orderId,
      code: order.code,
      status: "confirmed",
      previousStatus: "placed",
      version: 2,
      at: status.at.toISOString(),
      note: "on it",
    });
    expect(confirmed?.customer).not.toHaveProperty("actor");
    expect(confirmed?.staff).toEqual({
      ...confirmed?.customer,
      type: "order.status",
      actor: { kind: "staff", id: "staff-1", name: "Sam" },
      customerName: "Grace",
      items: [{ name: "Margherita pizza", quantity: 2 }],
      orderNote: null,
      createdAt: order.createdAt.toISOString(),
      externalId: null,
      source: null,
    });
  });

  it("marks delivered and cancelled status events terminal", async () => {
    const a = await insertOrder(t.client);
    const b = await insertOrder(t.client);
    await insertStatus(t.client, a.orderId, "confirmed");
    await insertStatus(t.client, a.orderId, "delivered");
    await insertStatus(t.client, b.orderId, "cancelled");
    const events = await t.log.readEventsAfter(0, 10);
    expect(events.map((e) => [e.customer.status, e.terminal])).toEqual([
      ["placed", false],
      ["placed", false],
      ["confirmed", false],
      ["delivered", true],
      ["cancelled", true],
    ]);
  });

  it("replays one order's events only, its creation included, for its customer", async () => {
    const a = await insertOrder(t.client);
    const b = await insertOrder(t.client);
    const a1 = await insertStatus(t.client, a.orderId, "confirmed");
    await insertStatus(t.client, b.orderId, "confirmed");
    const a2 = await insertStatus(t.client, a.orderId, "preparing");
    expect((await t.log.readOrderEventsAfter(a.orderId, 0)).map((e) => e.id)).toEqual([a.eventId, a1, a2]);
    expect((await t.log.readOrderEventsAfter(a.orderId, a.eventId)).map((e) => e.id)).toEqual([a1, a2]);
    expect((await t.log.readOrderEventsAfter(a.orderId, a1)).map((e) => e.id)).toEqual([a2]);
  });
});
