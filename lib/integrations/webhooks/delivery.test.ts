/**
 * Webhook delivery from the event log to a real HTTP receiver, on each database: signed, in log
 * order, from the cursor, retried with backoff, disabled after giving up, one instance at a time.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createEventLog } from "@/lib/orders/event-log/log";
import { createOrder, transitionOrder } from "@/lib/orders/service";
import type { Actor } from "@/lib/orders/types";
import { upsertStaffUser } from "@/lib/auth/staff";
import { useFreshDatabase } from "@/test/support/databases";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { deliverDue, retryDelayMs, type DeliveryOptions } from "./delivery";
import { addWebhookEndpoint, enableWebhookEndpoint, listWebhookEndpoints, type WebhookInput } from "./endpoints";
import { startDispatcher } from "./dispatcher";

let cleanup: () => Promise<void>;
let actor: Actor;
let receiver: WebhookReceiver;
let options: DeliveryOptions;

const pizza = { customerName: "Ada", items: [{ name: "Margherita pizza", quantity: 1 }] };

async function endpoint(input: Partial<WebhookInput> = {}): Promise<{ id: string; secret: string }> {
  const added = await addWebhookEndpoint({ url: receiver.url, eventTypes: ["order.status"], ...input }, null);
  if (!added.ok) throw new Error(added.problem);
  return { id: added.summary.id, secret: added.secret };
}

/** An order taken through `steps` statuses: its events are the log's newest. */
async function orderThrough(...steps: ("confirmed" | "preparing" | "ready")[]): Promise<string> {
  const { order } = await createOrder(pizza);
  for (const [index, to] of steps.entries()) {
    const moved = await transitionOrder({ orderId: order.id, to, expectedVersion: index + 1, actor });
    if (!moved.ok) throw new Error(moved.reason);
  }
  return order.id;
}

async function row(id: string) {
  return db().webhookEndpoint.findUniqueOrThrow({ where: { id } });
}

beforeAll(async () => {
  ({ cleanup } = await useFreshDatabase());
  const staff = await upsertStaffUser(db(), { email: "cook@example.com", name: "Kim", password: "s3cret-pass-1" });
  actor = { kind: "staff", id: staff.id, name: "Kim" };
  options = {
    owner: "test-instance",
    log: createEventLog(db()),
    timeoutMs: 2_000,
    leaseMs: 60_000,
    retry: { baseMs: 1_000, maxMs: 60_000, giveUpMs: 24 * 3_600_000 },
    batch: 2,
  };
});
beforeEach(async () => {
  vi.stubEnv("TRACKER_WEBHOOK_ALLOW_PRIVATE", "true");
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await receiver.close();
});
afterAll(() => cleanup());

describe("webhook delivery", () => {
  it("sends each matching event once, signed per Standard Webhooks, in log order, and moves the cursor", async () => {
    const hook = await endpoint();
    const orderId = await orderThrough("confirmed", "preparing", "ready");
    // Batches of 2: the loop must read on past the first batch.
    expect(await deliverDue(hook.id, options)).toBe("caught_up");
    const messages = receiver.verified(hook.secret);
    expect(messages.map((m) => [m.type, m.data.status])).toEqual([
      ["order.status", "confirmed"],
      ["order.status", "preparing"],
      ["order.status", "ready"],
    ]);
    expect(messages.every((m) => m.id === `evt_${m.data.eventId}`)).toBe(true);
    expect(messages[0]?.data).toMatchObject({ orderId, customerName: "Ada", actor: { kind: "staff", name: "Kim" } });
    expect(receiver.received[0]?.headers).toMatchObject({ "content-type": "application/json", "user-agent": "Tracker-Webhooks/1" });
    // The order.created event was passed over, and the cursor stands at the log's end.
    expect((await row(hook.id)).cursor).toBe(messages.at(-1)?.data.eventId);
    expect(await deliverDue(hook.id, options)).toBe("caught_up");
    expect(receiver.received).toHaveLength(3);
  });

  it("starts at the log's end: an endpoint gets what happens after it was added", async () => {
    await orderThrough("confirmed");
    const hook = await endpoint({ eventTypes: ["order.created", "order.status"] });
    await orderThrough();
    await deliverDue(hook.id, options);
    expect(receiver.verified(hook.secret).map((m) => m.type)).toEqual(["order.created"]);
  });

  it("retries a failed event after a backoff, keeping the events after it waiting, then delivers all in order", async () => {
    const hook = await endpoint();
    await orderThrough("confirmed", "preparing");
    receiver.answer = 500;
    expect(await deliverDue(hook.id, options)).toBe("waiting");
    const failed = await row(hook.id);
    expect(failed).toMatchObject({ failures: 1, failingSince: expect.any(Date), leaseUntil: null });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 400);
    // Not due yet: nothing is sent.
    expect(await deliverDue(hook.id, options)).toBe("not_taken");
    expect(receiver.received).toHaveLength(1);

    receiver.answer = 200;
    await db().webhookEndpoint.update({ where: { id: hook.id }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    expect(await deliverDue(hook.id, options)).toBe("caught_up");
    expect(receiver.verified(hook.secret).map((m) => m.data.status)).toEqual(["confirmed", "confirmed", "preparing"]);
    expect(new Set(receiver.received.slice(0, 2).map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(await row(hook.id)).toMatchObject({ failures: 0, failingSince: null, nextAttemptAt: null });
    const [summary] = (await listWebhookEndpoints()).filter((e) => e.id === hook.id);
    expect(summary?.attempts.map((a) => a.statusCode)).toEqual([200, 200, 500]);
  });

  it("disables an endpoint that keeps failing past the give-up time, saying why, and resumes where it stopped once enabled", async () => {
    const hook = await endpoint();
    await orderThrough("confirmed");
    receiver.answer = 503;
    await db().webhookEndpoint.update({ where: { id: hook.id }, data: { failures: 9, failingSince: new Date(Date.now() - 25 * 3_600_000) } });
    expect(await deliverDue(hook.id, options)).toBe("disabled");
    const disabled = await row(hook.id);
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(disabled.disabledReason).toMatch(/HTTP 503/);
    expect(await deliverDue(hook.id, options)).toBe("not_taken");

    receiver.answer = 204;
    expect(await enableWebhookEndpoint(hook.id)).toMatchObject({ id: hook.id, disabledAt: null });
    expect(await deliverDue(hook.id, options)).toBe("caught_up");
    expect(receiver.verified(hook.secret).map((m) => m.data.status)).toEqual(["confirmed", "confirmed"]);
  });

  it("disables an endpoint whose secret the session secrets no longer open, saying what to do, instead of failing each poll", async () => {
    const hook = await endpoint();
    await orderThrough("confirmed");
    vi.stubEnv("TRACKER_SESSION_SECRET", "another session secret, thirty-two characters long");
    expect(await deliverDue(hook.id, options)).toBe("disabled");
    expect((await row(hook.id)).disabledReason).toMatch(/TRACKER_SESSION_SECRET_PREVIOUS/);
    expect(receiver.received).toHaveLength(0);
  });

  it("lets one instance deliver to an endpoint at a time, and another take over when its lease runs out", async () => {
    const hook = await endpoint();
    await orderThrough("confirmed");
    await db().webhookEndpoint.update({ where: { id: hook.id }, data: { leaseOwner: "other-instance", leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await deliverDue(hook.id, options)).toBe("not_taken");
    expect(receiver.received).toHaveLength(0);
    await db().webhookEndpoint.update({ where: { id: hook.id }, data: { leaseUntil: new Date(Date.now() - 1) } });
    expect(await deliverDue(hook.id, options)).toBe("caught_up");
    expect(receiver.received).toHaveLength(1);
  });

  it("counts a receiver that does not answer in time, or answers with a redirect, as a failure", async () => {
    const hook = await endpoint();
    await orderThrough("confirmed");
    receiver.answer = null;
    expect(await deliverDue(hook.id, { ...options, timeoutMs: 200 })).toBe("waiting");
    const [held] = (await listWebhookEndpoints()).filter((e) => e.id === hook.id);
    expect(held?.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/no answer within 200 ms/) });

    receiver.answer = 302;
    await db().webhookEndpoint.update({ where: { id: hook.id }, data: { nextAttemptAt: null } });
    expect(await deliverDue(hook.id, options)).toBe("waiting");
    const [redirected] = (await listWebhookEndpoints()).filter((e) => e.id === hook.id);
    expect(redirected?.attempts[0]).toMatchObject({ statusCode: 302, error: expect.stringMatching(/not followed/) });
  });

  it("refuses private, loopback and link-local targets unless TRACKER_WEBHOOK_ALLOW_PRIVATE is true, also at send time", async () => {
    const hook = await endpoint();
    await orderThrough("confirmed");
    vi.stubEnv("TRACKER_WEBHOOK_ALLOW_PRIVATE", "");
    for (const url of ["http://127.0.0.1:9/x", "http://[::1]/x", "http://169.254.169.254/latest", "http://10.0.0.1/", "http://localhost:9/"]) {
      const added = await addWebhookEndpoint({ url, eventTypes: ["order.status"] }, null);
      expect(added, url).toMatchObject({ ok: false, problem: expect.stringMatching(/loopback|private|linkLocal/) });
    }
    // Added while allowed, sent while not: the connection itself is refused, nothing arrives.
    expect(await deliverDue(hook.id, options)).toBe("waiting");
    expect(receiver.received).toHaveLength(0);
    const [refused] = (await listWebhookEndpoints()).filter((e) => e.id === hook.id);
    expect(refused?.attempts[0]?.error).toMatch(/refused: 127\.0\.0\.1 is a loopback address/);
  });

  it("backs off exponentially with jitter, up to a ceiling", () => {
    const retry = { baseMs: 5_000, maxMs: 3_600_000, giveUpMs: 1 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, retry, () => 1))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, retry, () => 0))).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(retryDelayMs(30, retry, () => 1)).toBe(3_600_000);
  });
});

describe("the dispatcher", () => {
  it("on two instances at once, delivers each endpoint from one at a time: never two requests open, every event once, in order", async () => {
    const hook = await endpoint({ eventTypes: ["order.created", "order.status"] });
    const from = (await row(hook.id)).cursor;
    receiver.delayMs = 20;
    const instances = ["instance-a", "instance-b"].map((owner) => startDispatcher({ ...options, owner }, 20));
    try {
      for (let n = 0; n < 4; n++) await orderThrough("confirmed", "preparing");
      const expected = (await createEventLog(db()).readEventsAfter(from, 100)).map((event) => event.id);
      expect(expected).toHaveLength(12);
      await vi.waitFor(() => expect(receiver.received.length).toBeGreaterThanOrEqual(12), { timeout: 10_000 });
      // Long enough for a second instance's duplicate, if there were one, to arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.verified(hook.secret).map((message) => message.data.eventId)).toEqual(expected);
      expect(receiver.maxConcurrent).toBe(1);
    } finally {
      await Promise.all(instances.map((dispatcher) => dispatcher.stop()));
    }
  });

  it("delivers to each endpoint in a task of its own: a receiver that hangs holds up no other", async () => {
    const slow = await startWebhookReceiver();
    slow.answer = null;
    const fast = await endpoint();
    const stuck = await addWebhookEndpoint({ url: slow.url, eventTypes: ["order.status"] }, null);
    if (!stuck.ok) throw new Error(stuck.problem);
    const dispatcher = startDispatcher({ ...options, timeoutMs: 5_000 }, 50);
    try {
      await orderThrough("confirmed", "preparing");
      await vi.waitFor(() => expect(receiver.verified(fast.secret).map((m) => m.data.status)).toEqual(["confirmed", "preparing"]), {
        timeout: 3_000,
      });
      expect(slow.received).toHaveLength(1);
    } finally {
      await slow.close();
      await dispatcher.stop();
    }
  });
});
