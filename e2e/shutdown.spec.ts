/**
 * Graceful shutdown (SIGTERM): open streams end with a short `retry:` so browsers come back
 * within a second (through the proxy, to another instance), a write already in flight still
 * commits and answers, and the process exits on its own.
 */
import { request as httpRequest } from "node:http";
import type { StaffOrderView } from "../lib/orders/types";
import { placeOrderViaApi } from "./fixtures/helpers";
import { readStream } from "./fixtures/sse";
import { expect, test } from "./fixtures/test";

/** A POST whose body is sent in two parts, so that it is in flight for as long as the test wants. */
function slowPost(url: string, cookie: string, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let finish!: () => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { "content-type": "application/json", "content-length": bytes.length, cookie } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.write(bytes.subarray(0, half));
    finish = () => req.end(bytes.subarray(half));
  });
  return { response, finish };
}

test("SIGTERM ends every stream with a short retry, lets an in-flight write commit, then exits", async ({ server, request, staff }) => {
  const placed = await placeOrderViaApi(request);
  const session = (await staff.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  expect(session).toContain("tracker_staff=");

  // Two live streams, read until they end.
  const customer = readStream(`${server.baseURL}/api/track/${placed.token}/events`, {}, () => false, 20_000);
  const staffStream = readStream(`${server.baseURL}/api/staff/events`, { cookie: session }, () => false, 20_000);
  // A transition that has reached the server but not finished arriving.
  const write = slowPost(
    `${server.baseURL}/api/staff/orders/${placed.order.id}/transitions`,
    session,
    JSON.stringify({ to: "confirmed", expectedVersion: 1 }),
  );
  // Let both streams register and the POST's first half arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));

  const exited = server.terminate();
  for (const stream of [await customer, await staffStream]) {
    expect(stream.status).toBe(200);
    expect(stream.ended, "the server ended the stream").toBe(true);
    const retry = /retry: (\d+)\n\n$/.exec(stream.text);
    expect(retry, `stream ends with a retry: field, got ${JSON.stringify(stream.text.slice(-40))}`).not.toBeNull();
    const ms = Number(retry?.[1]);
    expect(ms).toBeGreaterThanOrEqual(100);
    expect(ms).toBeLessThan(1000);
  }

  write.finish();
  const answer = await write.response;
  expect(answer.status, answer.body).toBe(200);
  expect((JSON.parse(answer.body) as { order: StaffOrderView }).order).toMatchObject({ status: "confirmed", version: 2 });

  const { code, signal } = await exited;
  // Next exits with 128 + SIGTERM's number after a graceful stop; a forced exit would be 1.
  expect({ code, signal }).toEqual({ code: 143, signal: null });

  // The write is in the log: the restarted server shows it.
  await server.start();
  const order = await request.get(`/api/track/${placed.token}`);
  expect(((await order.json()) as { order: { status: string } }).order.status).toBe("confirmed");
});
