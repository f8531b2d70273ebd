import { describe, expect, it } from "vitest";
import { OrderedDelivery, type StreamMessage } from "./ordered-delivery";

const msg = (id: number): StreamMessage => ({ id, event: "order.status", data: { id } });

function setup(cursor: number | null) {
  const delivered: number[] = [];
  let gaps = 0;
  const delivery = new OrderedDelivery(
    cursor,
    (message) => delivered.push(message.id),
    () => (gaps += 1),
  );
  return { delivery, delivered, gaps: () => gaps };
}

describe("OrderedDelivery", () => {
  it("delivers each id once, dropping what is at or below the cursor", () => {
    const { delivery, delivered } = setup(10);
    delivery.offer(msg(9), 8);
    delivery.offer(msg(10), 9);
    delivery.offer(msg(11), 10);
    delivery.offer(msg(11), 10);
    delivery.offer(msg(12), 11);
    expect(delivered).toEqual([11, 12]);
    expect(delivery.cursor).toBe(12);
  });

  it("buffers while holding and releases in id order after the catch-up answer", () => {
    const { delivery, delivered } = setup(10);
    const mark = delivery.hold();
    delivery.offer(msg(14), 13);
    delivery.offer(msg(13), 12);
    expect(delivered).toEqual([]);
    delivery.apply([msg(12), msg(11), msg(13)]);
    expect(delivered).toEqual([11, 12, 13]);
    delivery.release(mark);
    expect(delivered).toEqual([11, 12, 13, 14]);
  });

  it("treats a broadcast that starts past the cursor as a gap: holds it and asks for a catch-up", () => {
    const { delivery, delivered, gaps } = setup(10);
    delivery.offer(msg(15), 14);
    expect(delivered).toEqual([]);
    expect(gaps()).toBe(1);
    expect(delivery.holding).toBe(true);
    const mark = delivery.hold();
    delivery.offer(msg(16), 15);
    delivery.apply([msg(11), msg(14), msg(15)]);
    delivery.release(mark);
    expect(delivered).toEqual([11, 14, 15, 16]);
    expect(gaps()).toBe(1);
  });

  it("does not loop when a poll finds nothing below a broadcast that arrived before it was sent", () => {
    // A new leader's customer stream starts at a global cursor past this tab's, with none of the
    // order's events in between: the catch-up answer is empty, and that settles it.
    const { delivery, delivered, gaps } = setup(10);
    delivery.offer(msg(21), 20);
    const mark = delivery.hold();
    delivery.apply([]);
    delivery.release(mark);
    expect(delivered).toEqual([21]);
    expect(gaps()).toBe(1);
  });

  it("checks what arrived after the poll was sent again", () => {
    const { delivery, delivered, gaps } = setup(10);
    const mark = delivery.hold();
    delivery.offer(msg(31), 30);
    delivery.apply([msg(11)]);
    delivery.release(mark);
    expect(delivered).toEqual([11]);
    expect(gaps()).toBe(1);
    const again = delivery.hold();
    delivery.apply([msg(30)]);
    delivery.release(again);
    expect(delivered).toEqual([11, 30, 31]);
  });

  it("without a cursor takes what comes, in the order it comes", () => {
    const { delivery, delivered, gaps } = setup(null);
    delivery.offer(msg(5), 4);
    delivery.offer(msg(6), 5);
    delivery.offer(msg(5), 4);
    expect(delivered).toEqual([5, 6]);
    expect(gaps()).toBe(0);
  });
});
