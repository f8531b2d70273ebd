/**
 * Test fixtures for the order event log and its streams: each test gets its own migrated database (SQLite, or PostgreSQL
 * in the postgresql test project), its own PrismaClient and its own wake signal, so tests never
 * share a hub or a row.
 */
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/sqlite/client";
import type { Provider } from "@/lib/db/provider";
import { createMigratedDatabase, testProvider } from "@/test/support/databases";
import { appendEvent } from "@/lib/orders/event-log/append";
import type { OrderStatus } from "@/lib/orders/status";
import { trackingTokenHash } from "@/lib/orders/tracking-token";
import { createEventLog, type EventLog } from "@/lib/orders/event-log/log";

export interface TestDb {
  url: string;
  provider: Provider;
  client: PrismaClient;
  log: EventLog;
  cleanup(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const provider = testProvider();
  const database = await createMigratedDatabase(provider);
  const client = createPrismaClient(database.url);
  return {
    url: database.url,
    provider,
    client,
    log: createEventLog(client),
    async cleanup() {
      await client.$disconnect();
      await database.cleanup();
    },
  };
}

let codes = 0;

/** An order in `placed` with its `order.created` event; returns its id and the event id. */
export async function insertOrder(client: PrismaClient, customerName = "Ada"): Promise<{ orderId: string; eventId: number }> {
  const orderId = randomUUID();
  codes += 1;
  // Taken now: the transaction's callback runs later, when concurrent calls have moved `codes` on
  // (24 orders at once once read the same count and collided on a shared uuid prefix).
  const code = `T${String(codes).padStart(4, "0")}${orderId.slice(0, 4)}`;
  const event = await client.$transaction(async (tx) => {
    await tx.order.create({
      data: {
        id: orderId,
        code,
        trackingTokenHash: trackingTokenHash(randomUUID()),
        customerName,
        items: JSON.stringify([{ name: "Margherita pizza", quantity: 2 }]),
        status: "placed",
      },
    });
    return appendEvent(tx, { orderId, type: "order.created", status: "placed", previousStatus: null, version: 1 }, testProvider());
  });
  return { orderId, eventId: event.id };
}

/** Moves an order to `status` (no rules: the status machine is the service's job). */
export async function insertStatus(client: PrismaClient, orderId: string, status: OrderStatus): Promise<number> {
  const event = await client.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    const version = order.version + 1;
    await tx.order.update({ where: { id: orderId }, data: { status, version } });
    return appendEvent(tx, { orderId, type: "order.status", status, previousStatus: order.status, version }, testProvider());
  });
  return event.id;
}

const decoder = new TextDecoder();

export interface ReadMessage {
  id: number;
  event: string;
  data: unknown;
}

/**
 * Reads a stream chunk by chunk (each chunk is one whole message: the hub enqueues whole
 * messages) until `until` says stop or the stream ends.
 */
export async function readMessages(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: (messages: ReadMessage[], comments: string[]) => boolean,
): Promise<{ messages: ReadMessage[]; comments: string[]; done: boolean; chunks: Uint8Array[] }> {
  const messages: ReadMessage[] = [];
  const comments: string[] = [];
  const chunks: Uint8Array[] = [];
  for (;;) {
    if (until(messages, comments)) return { messages, comments, done: false, chunks };
    const { value, done } = await reader.read();
    if (done) return { messages, comments, done: true, chunks };
    chunks.push(value);
    const text = decoder.decode(value);
    if (text.startsWith(":")) {
      comments.push(text);
      continue;
    }
    const id = /^id: (\d+)$/m.exec(text);
    const event = /^event: (.*)$/m.exec(text);
    const data = /^data: (.*)$/m.exec(text);
    if (id && event && data) messages.push({ id: Number(id[1]), event: event[1] ?? "", data: JSON.parse(data[1] ?? "") });
    // retry: needs no record; the stream tests check it on the first chunk.
  }
}
