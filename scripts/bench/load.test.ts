import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAgent } from "./load";

// A server with Node's default keep-alive window, which it announces as `Keep-Alive: timeout=5`.
const server = createServer((_, res) => res.end("ok"));
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("the bench's API agent", () => {
  it("drops an idle socket before the server's keep-alive window closes it, so no change is sent into a closing socket", async () => {
    const agent = apiAgent();
    const hint = await new Promise<string | undefined>((resolve, reject) => {
      get({ host: "127.0.0.1", port, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(String(res.headers["keep-alive"])));
      }).on("error", reject);
    });
    expect(hint).toBe("timeout=5");
    await new Promise((resolve) => setImmediate(resolve));
    const idle = Object.values(agent.freeSockets).flat();
    expect(idle).toHaveLength(1);
    expect(idle[0]?.timeout).toBeGreaterThan(0);
    expect(idle[0]?.timeout).toBeLessThan(5_000);
    agent.destroy();
  });
});
