/**
 * A till works through the API with its key for a busy minute while a real HTTP receiver takes
 * the shop's webhooks. Midway the server is killed (SIGKILL) and restarted, and for a while the
 * receiver answers 500. Every event of the minute still reaches the receiver at least once, in log
 * order, with a valid Standard Webhooks signature.
 */
import type { APIRequestContext } from "@playwright/test";
import { startWebhookReceiver } from "../test/support/webhook-receiver";
import { expect, test } from "./fixtures/test";
import { staffApi } from "./fixtures/helpers";
import { AppServer } from "./fixtures/server";

const BUSY_MS = 60_000;
const KILL_AT_MS = 15_000;
const FAIL_FROM_MS = 30_000;
const FAIL_FOR_MS = 8_000;
const NEXT: Record<string, string> = { placed: "confirmed", confirmed: "preparing", preparing: "ready", ready: "out_for_delivery", out_for_delivery: "delivered" };

/** What a till does when the server does not answer: the same request again, a little later. */
async function untilAnswered(send: () => Promise<{ status(): number; json(): Promise<unknown> }>): Promise<{ status: number; body: unknown }> {
  for (;;) {
    try {
      const response = await send();
      if (response.status() < 500) return { status: response.status(), body: await response.json() };
    } catch {
      // Refused while the server is down.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every event id in the log after `cursor`, through the key's events:read poll. */
async function loggedIdsAfter(api: APIRequestContext, key: string, cursor: number): Promise<number[]> {
  const ids: number[] = [];
  for (let after = cursor; ; ) {
    const { body } = await untilAnswered(() => api.get(`/api/staff/events?after=${after}`, { headers: { authorization: `Bearer ${key}` } }));
    const page = body as { events: { id: number }[]; cursor: number };
    ids.push(...page.events.map((event) => event.id));
    if (page.events.length === 0) return ids;
    after = page.cursor;
  }
}

test("every event of a busy minute reaches a webhook receiver, in order and signed, across a SIGKILL and a failing receiver", async ({
  database,
  playwright,
}) => {
  test.setTimeout(BUSY_MS + 90_000);
  const receiver = await startWebhookReceiver();
  const server = await AppServer.launch("A", database, {
    TRACKER_WEBHOOK_ALLOW_PRIVATE: "true",
    TRACKER_WEBHOOK_RETRY_BASE_MS: "200",
    TRACKER_WEBHOOK_RETRY_MAX_MS: "1000",
    TRACKER_WEBHOOK_POLL_MS: "200",
  });
  const api = await playwright.request.newContext({ baseURL: server.baseURL });
  try {
    const owner = await staffApi(playwright.request, server.baseURL);
    const keyAnswer = await owner.post("/api/staff/api-keys", { data: { name: "Till 2", scopes: ["orders:create", "orders:write", "events:read"] } });
    expect(keyAnswer.status()).toBe(201);
    const { key } = (await keyAnswer.json()) as { key: string };
    const hookAnswer = await owner.post("/api/staff/webhooks", { data: { url: receiver.url, eventTypes: ["order.created", "order.status"] } });
    expect(hookAnswer.status(), await hookAnswer.text()).toBe(201);
    const { secret, webhook } = (await hookAnswer.json()) as { secret: string; webhook: { id: string; cursor: number } };
    await owner.dispose();
    const asTill = { authorization: `Bearer ${key}` };

    // The till's minute: place orders and move them on, one request at a time, as a till does.
    const open = new Map<string, { status: string; version: number }>();
    const started = Date.now();
    let killed = false;
    let restarted: Promise<void> = Promise.resolve();
    let failing = false;
    for (let n = 0; Date.now() - started < BUSY_MS; n++) {
      const elapsed = Date.now() - started;
      if (!killed && elapsed >= KILL_AT_MS) {
        killed = true;
        await server.stop();
        // Requests made while it is down are retried by the till until it is back.
        restarted = new Promise((resolve) => setTimeout(resolve, 1_000)).then(() => server.start());
        restarted.catch(() => undefined);
      }
      if (!failing && elapsed >= FAIL_FROM_MS) {
        failing = true;
        receiver.answer = 500;
        setTimeout(() => (receiver.answer = 204), FAIL_FOR_MS);
      }
      // Two changes for each new order, to the oldest open one first.
      const moving = n % 3 !== 0 ? open.entries().next().value : undefined;
      if (moving) {
        const [id, order] = moving;
        const to = NEXT[order.status] as string;
        const { status } = await untilAnswered(() =>
          api.post(`/api/staff/orders/${id}/transitions`, { headers: asTill, data: { to, expectedVersion: order.version } }),
        );
        // A retry of a change that had committed before the crash is a stale version: it is done.
        expect([200, 409]).toContain(status);
        if (to === "delivered") open.delete(id);
        else open.set(id, { status: to, version: order.version + 1 });
      } else {
        const { status, body } = await untilAnswered(() =>
          api.post("/api/orders", {
            headers: { ...asTill, "idempotency-key": `busy-${n}` },
            data: { customerName: `Guest ${n}`, items: [{ name: "Tea", quantity: 1 }], externalId: `R${n}` },
          }),
        );
        expect(status).toBe(201);
        open.set((body as { order: { id: string } }).order.id, { status: "placed", version: 1 });
      }
    }
    expect(killed && failing).toBe(true);
    await restarted;

    const expected = await loggedIdsAfter(api, key, webhook.cursor);
    expect(expected.length).toBeGreaterThan(100);
    const accepted = () => receiver.verified(secret).filter((message) => message.status !== null && message.status < 300);
    await expect
      .poll(() => new Set(accepted().map((message) => message.data.eventId)).size, { timeout: 30_000, message: "every event delivered" })
      .toBe(expected.length);

    const delivered = accepted().map((message) => message.data.eventId);
    expect([...new Set(delivered)].sort((a, b) => a - b)).toEqual(expected);
    // In log order: a redelivery after the crash repeats the newest events, never an older one.
    expect(delivered.every((id, i) => i === 0 || id >= (delivered[i - 1] as number))).toBe(true);
    expect(receiver.verified(secret).every((message) => message.id === `evt_${message.data.eventId}`)).toBe(true);
    expect(receiver.received.some((request) => request.status === 500)).toBe(true);
    expect(accepted().find((message) => message.type === "order.status")?.data.actor).toMatchObject({ kind: "api_key", name: "Till 2" });
  } finally {
    await api.dispose();
    await server.dispose();
    await receiver.close();
  }
});
