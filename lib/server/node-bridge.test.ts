/** sendResponse over a real node:http server: what the ingress's JSON answers carry on the wire. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { sendResponse } from "./node-bridge";

let server: Server;
let base: string;
let answer: () => Response;

beforeAll(async () => {
  server = createServer((_req, res) => void sendResponse(answer(), res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("sendResponse", () => {
  it("sends status, headers, each cookie and the body", async () => {
    answer = () => {
      const headers = new Headers({ "content-type": "application/json", "x-extra": "1" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response('{"ok":true}', { status: 409, headers });
    };
    const response = await fetch(base);
    expect(response.status).toBe(409);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.text()).toBe('{"ok":true}');
  });

  it("adds the API's security headers, over any an endpoint set, each once", async () => {
    answer = () => Response.json({ ok: true }, { headers: { "Referrer-Policy": "unsafe-url" } });
    const response = await fetch(base);
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
  });

  it("adds them to bodiless answers too (a stream's 204)", async () => {
    answer = () => new Response(null, { status: 204 });
    const response = await fetch(base);
    expect(response.status).toBe(204);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
