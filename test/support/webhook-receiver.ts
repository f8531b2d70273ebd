/**
 * A real HTTP webhook receiver on 127.0.0.1 for tests: it records every request it gets and
 * answers with whatever status the test sets (or never answers, to test timeouts). Signatures are
 * checked by the test with the `standardwebhooks` package, as a real receiver would.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  at: number;
  /** The status it was answered with; null while held unanswered. */
  status: number | null;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status the next requests get; `null`: hold them unanswered. */
  answer: number | null;
  /** How long each answer waits, so overlapping requests would show. */
  delayMs: number;
  /** The most requests it has had open at once. */
  maxConcurrent: number;
  /** Every message received, its signature verified with `secret` (throws on a bad one), parsed. */
  verified(secret: string): { id: string; type: string; status: number | null; data: { eventId: number; status: string; [key: string]: unknown } }[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = "/hooks"): Promise<WebhookReceiver> {
  const held = new Set<http.ServerResponse>();
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    answer: 204,
    delayMs: 0,
    maxConcurrent: 0,
    verified(secret) {
      const hook = new Webhook(secret);
      return receiver.received.map(({ headers, body, status }) => {
        const message = hook.verify(body, headers) as { type: string; data: { eventId: number; status: string } };
        return { id: headers["webhook-id"] ?? "", type: message.type, status, data: message.data };
      });
    },
    async close() {
      for (const response of held) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  let open = 0;
  const server = http.createServer((request, response) => {
    open += 1;
    receiver.maxConcurrent = Math.max(receiver.maxConcurrent, open);
    response.on("close", () => (open -= 1));
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
      receiver.received.push({ headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now(), status: receiver.answer });
      if (receiver.answer === null) {
        held.add(response);
        return;
      }
      const status = receiver.answer;
      if (receiver.delayMs > 0) setTimeout(() => response.writeHead(status).end(), receiver.delayMs);
      else response.writeHead(status).end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}
