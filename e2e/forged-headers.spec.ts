/**
 * The edge fails closed (lib/http/edge.ts): a client-sent copy of any internal header never
 * reaches the app, on any path, under the production server. A client that names another address
 * in `x-tracker-client` (or any `x-tracker-*` header, or X-Forwarded-For with no trusted proxy)
 * is still counted as itself by the per-address limits: the stream caps (a hot path) and the
 * sign-in throttle (a route Next serves).
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request } from "@playwright/test";
import { AppServer } from "./fixtures/server";
import { expect, test } from "./fixtures/test";
import { placeOrderViaApi } from "./fixtures/helpers";

/** Forged copies of what the edge stamps, different on every call. */
let forgery = 0;
function forged(): Record<string, string> {
  forgery += 1;
  return {
    "x-tracker-client": `203.0.113.${forgery}`,
    "X-Tracker-Origin": "https://evil.example",
    "x-tracker-peer": `198.51.100.${forgery}`,
    "x-forwarded-for": `192.0.2.${forgery}`,
  };
}

function openStream(url: string, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => httpRequest(url, { headers, agent: false }, resolve).on("error", reject).end());
}

test("forged internal headers do not move the per-address stream cap", async ({ database }) => {
  const server = await AppServer.launch("A", database, { TRACKER_MAX_STREAMS_PER_ADDRESS: "2", TRACKER_MAX_STREAMS_PER_TOKEN: "0" });
  const open: IncomingMessage[] = [];
  try {
    const api = await request.newContext({ baseURL: server.baseURL });
    const placed = await placeOrderViaApi(api);
    const url = `${server.baseURL}/api/track/${placed.token}/events`;
    for (let i = 0; i < 2; i++) open.push(await openStream(url, forged()));
    expect(open.map((res) => res.statusCode)).toEqual([200, 200]);
    const third = await openStream(url, forged());
    third.resume();
    expect(third.statusCode, "a third stream from the same socket address, whatever it claims").toBe(429);
    await api.dispose();
  } finally {
    for (const res of open) res.destroy();
    await server.dispose();
  }
});

test("forged internal headers do not move the per-address sign-in throttle", async ({ database }) => {
  const server = await AppServer.launch("A", database, { TRACKER_LOGIN_MAX_FAILURES_PER_ADDRESS: "3", TRACKER_LOGIN_MAX_FAILURES_PER_ACCOUNT: "100" });
  try {
    const api = await request.newContext({ baseURL: server.baseURL });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // A different account each time, so only the per-address count can add up.
      const answer = await api.post("/api/staff/session", { data: { email: `guess${i}@example.com`, password: "not-the-password" }, headers: forged() });
      statuses.push(answer.status());
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    await api.dispose();
  } finally {
    await server.dispose();
  }
});
