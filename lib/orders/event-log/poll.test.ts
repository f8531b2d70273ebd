import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, insertOrder, insertStatus, type TestDb } from "@/test/support/order-events";
import { finishedAnswer, POLL_LIMIT, pollOrderEvents, pollStaffEvents } from "./poll";
import { customerBytes, staffBytes } from "./wire";

/** The `data:` line of the bytes the stream sends for the same event. */
function streamedData(bytes: Uint8Array): string {
  return /^data: (.*)$/m.exec(new TextDecoder().decode(bytes))?.[1] ?? "";
}

describe("polling the log", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  describe("pollOrderEvents", () => {
    it("answers one order's events after the cursor, its creation first, in id order, with the stream's payloads", async () => {
      const mine = await insertOrder(t.client);
      const other = await insertOrder(t.client);
      const confirmed = await insertStatus(t.client, mine.orderId, "confirmed");
      await insertStatus(t.client, other.orderId, "confirmed");
      const preparing = await insertStatus(t.client, mine.orderId, "preparing");

      const all = await pollOrderEvents(t.log, mine.orderId, 0);
      expect(all.events.map((e) => [e.id, e.event, e.data.status])).toEqual([
        [mine.eventId, "order.status", "placed"],
        [confirmed, "order.status", "confirmed"],
        [preparing, "order.status", "preparing"],
      ]);
      expect(all.cursor).toBe(preparing);
      expect(all.finished).toBe(false);

      const logged = await t.log.readOrderEventsAfter(mine.orderId, 0);
      expect(all.events.map((e) => JSON.stringify(e.data))).toEqual(logged.map((e) => streamedData(customerBytes(e))));
      for (const event of all.events) expect(event.data).not.toHaveProperty("actor");

      expect(await pollOrderEvents(t.log, mine.orderId, confirmed)).toEqual({
        events: [all.events[2]],
        cursor: preparing,
        finished: false,
      });
      expect(await pollOrderEvents(t.log, mine.orderId, preparing)).toEqual({ events: [], cursor: preparing, finished: false });
    });

    it("is finished when the answer holds the terminal event", async () => {
      const { orderId } = await insertOrder(t.client);
      const confirmed = await insertStatus(t.client, orderId, "confirmed");
      const cancelled = await insertStatus(t.client, orderId, "cancelled");
      const answer = await pollOrderEvents(t.log, orderId, confirmed);
      expect(answer.events.map((e) => e.id)).toEqual([cancelled]);
      expect(answer.finished).toBe(true);
      expect((await pollOrderEvents(t.log, orderId, 0)).finished).toBe(true);
      expect(finishedAnswer(cancelled)).toEqual({ events: [], cursor: cancelled, finished: true });
    });
  });

  describe("pollStaffEvents", () => {
    it("answers every event after the cursor with the staff payloads, and the cursor stays put when there is none", async () => {
      const a = await insertOrder(t.client, "Grace");
      const confirmed = await insertStatus(t.client, a.orderId, "confirmed");
      const b = await insertOrder(t.client, "Alan");

      const answer = await pollStaffEvents(t.log, 0);
      expect(answer.events.map((e) => [e.id, e.event])).toEqual([
        [a.eventId, "order.created"],
        [confirmed, "order.status"],
        [b.eventId, "order.created"],
      ]);
      expect(answer.cursor).toBe(b.eventId);
      expect(answer.finished).toBe(false);
      const logged = await t.log.readEventsAfter(0, 10);
      expect(answer.events.map((e) => JSON.stringify(e.data))).toEqual(logged.map((e) => streamedData(staffBytes(e))));

      expect(await pollStaffEvents(t.log, b.eventId)).toEqual({ events: [], cursor: b.eventId, finished: false });
    });

    it(`answers at most ${POLL_LIMIT} events, oldest first, and the next poll continues from its cursor`, async () => {
      const { orderId, eventId } = await insertOrder(t.client);
      await t.client.orderEvent.createMany({
        data: Array.from({ length: POLL_LIMIT + 1 }, (_, i) => ({
          orderId,
          type: "order.status",
          status: "confirmed",
          previousStatus: "placed",
          version: i + 2,
        })),
      });
      const first = await pollStaffEvents(t.log, 0);
      expect(first.events).toHaveLength(POLL_LIMIT);
      expect(first.events[0]?.id).toBe(eventId);
      expect(first.cursor).toBe(first.events.at(-1)?.id);
      const second = await pollStaffEvents(t.log, first.cursor);
      expect(second.events).toHaveLength(2);
      const ids = [...first.events, ...second.events].map((e) => e.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(POLL_LIMIT + 2);

      const customer = await pollOrderEvents(t.log, orderId, 0);
      expect(customer.events).toHaveLength(POLL_LIMIT);
      // The customer's poll carries the order's creation too: 502 events, 500 then 2.
      expect(customer.events[0]?.id).toBe(eventId);
      expect((await pollOrderEvents(t.log, orderId, customer.cursor)).events).toHaveLength(2);
    });
  });
});
