import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { openSseStream, SseResponseParser } from "./sse-client";

/** Every callback, in order, as short strings. */
function recorder() {
  const seen: string[] = [];
  const parser = new SseResponseParser({
    opened: () => seen.push("opened"),
    id: (id) => seen.push(`id ${id}`),
    comment: () => seen.push("comment"),
    failed: (reason) => seen.push(`failed ${reason}`),
  });
  return { seen, parser };
}

const HEAD_200_CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n";

// What the servers send, and the lines that look like an id but are not one.
const BODY =
  "retry: 2000\n\n" +
  ": keep-alive\n\n" +
  'id: 41\nevent: order.status\ndata: {"eventId":41,"note":"id: 99"}\n\n' +
  "id: 42\r\ndata: crlf\r\n\r\n" +
  "id:43\ndata:\n\n" +
  "data: id: 7\nidx: 8\nid: 9a\nid: \nid\ni\n\n" +
  ":\n\n" +
  "id: 1234567890\nevent: order.status\ndata: x\n\n";
const EXPECTED = ["opened", "comment", "id 41", "id 42", "id 43", "comment", "id 1234567890"];

function chunk(body: string, extension = ""): string {
  return `${Buffer.byteLength(body).toString(16)}${extension}\r\n${body}\r\n`;
}

function feedAll(parser: SseResponseParser, wire: Buffer, packet: number): void {
  for (let i = 0; i < wire.length; i += packet) parser.feed(wire.subarray(i, i + packet));
}

describe("SseResponseParser", () => {
  it("reads ids and comments from a chunked 200 whose chunk boundary falls at every byte of the body", () => {
    for (let split = 1; split < BODY.length; split++) {
      const wire = Buffer.from(HEAD_200_CHUNKED + chunk(BODY.slice(0, split)) + chunk(BODY.slice(split)));
      for (const packet of [wire.length, 1, 7]) {
        const { seen, parser } = recorder();
        feedAll(parser, wire, packet);
        expect(seen, `chunk split at ${split}, packets of ${packet}`).toEqual(EXPECTED);
      }
    }
  });

  it("reads the same whichever byte of the answer a packet ends on, the head's included", () => {
    const wire = Buffer.from(HEAD_200_CHUNKED + chunk(BODY.slice(0, 50)) + chunk(BODY.slice(50)));
    for (let split = 1; split < wire.length; split++) {
      const { seen, parser } = recorder();
      parser.feed(wire.subarray(0, split));
      parser.feed(wire.subarray(split));
      expect(seen, `packet split at ${split}`).toEqual(EXPECTED);
    }
  });

  it("skips chunk extensions and reads hex sizes in either case", () => {
    const body = "id: 5\n\n".repeat(2) + "x".repeat(20) + "\n";
    const wire = `${HEAD_200_CHUNKED}e;name=value\r\n${body.slice(0, 14)}\r\n${Buffer.byteLength(body.slice(14)).toString(16).toUpperCase()} ; a="b;c"\r\n${body.slice(14)}\r\n0\r\n\r\n`;
    const { seen, parser } = recorder();
    parser.feed(Buffer.from(wire));
    expect(seen).toEqual(["opened", "id 5", "id 5"]);
  });

  it("reads a body that is not chunked, to its Content-Length or to the close", () => {
    for (const head of ["HTTP/1.1 200 OK\r\n\r\n", `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n`]) {
      const { seen, parser } = recorder();
      feedAll(parser, Buffer.from(head + BODY), 3);
      parser.end();
      expect(seen).toEqual(EXPECTED);
    }
  });

  it("reports an event when its blank line ends it, not at its id line", () => {
    const { seen, parser } = recorder();
    parser.feed(Buffer.from(`${HEAD_200_CHUNKED}${chunk("id: 7\ndata: x\n")}`));
    expect(seen).toEqual(["opened"]);
    parser.feed(Buffer.from(chunk("\r\n")));
    expect(seen).toEqual(["opened", "id 7"]);
    parser.feed(Buffer.from(chunk("id: 8\ndata: cut off\n")));
    parser.end();
    expect(seen).toEqual(["opened", "id 7"]);
  });

  it("stops reading at the last chunk", () => {
    const { seen, parser } = recorder();
    parser.feed(Buffer.from(`${HEAD_200_CHUNKED}${chunk("id: 1\n\n")}0\r\n\r\n${chunk("id: 2\n\n")}`));
    expect(seen).toEqual(["opened", "id 1"]);
  });

  it("fails a non-200 with its status and the start of its body, whatever its framing", () => {
    const json = '{"error":{"code":"not_found"}}';
    const answers = [
      `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`,
      `HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(json.slice(0, 9))}${chunk(json.slice(9))}0\r\n\r\n`,
    ];
    for (const answer of answers) {
      const { seen, parser } = recorder();
      feedAll(parser, Buffer.from(answer), 5);
      expect(seen).toEqual([`failed 404 ${json}`]);
    }
    const long = recorder();
    long.parser.feed(Buffer.from(`HTTP/1.1 503 Service Unavailable\r\n\r\n${"x".repeat(500)}`));
    expect(long.seen).toEqual([`failed 503 ${"x".repeat(200)}`]);
    for (const size of [200, 250]) {
      const chunked = recorder();
      chunked.parser.feed(Buffer.from(`HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n${chunk("y".repeat(size))}0\r\n\r\n`));
      chunked.parser.end();
      expect(chunked.seen).toEqual([`failed 503 ${"y".repeat(200)}`]);
    }
    const closed = recorder();
    closed.parser.feed(Buffer.from("HTTP/1.1 401 Unauthorized\r\n\r\nsign in"));
    closed.parser.end();
    expect(closed.seen).toEqual(["failed 401 sign in"]);
    const empty = recorder();
    empty.parser.feed(Buffer.from("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n"));
    expect(empty.seen).toEqual(["failed 429"]);
  });

  it("fails what is not HTTP or not chunked as announced, once", () => {
    const cases: [string, RegExp][] = [
      ["SSH-2.0-OpenSSH\r\n\r\n", /^failed not an HTTP answer/],
      [`${HEAD_200_CHUNKED}zz\r\nid: 1\n\r\n`, /^failed a malformed chunk size$/],
      [`${HEAD_200_CHUNKED}3\r\nid: 1\n\r\n`, /^failed a chunk longer than its size$/],
    ];
    for (const [wire, reason] of cases) {
      const { seen, parser } = recorder();
      parser.feed(Buffer.from(wire));
      parser.feed(Buffer.from(chunk("id: 2\n\n")));
      parser.end();
      expect(seen.filter((s) => s.startsWith("failed"))).toEqual([expect.stringMatching(reason)]);
      expect(seen).not.toContain("id 2");
    }
    const cut = recorder();
    cut.parser.feed(Buffer.from("HTTP/1.1 200"));
    cut.parser.end();
    expect(cut.seen).toEqual(["failed the connection closed before an answer"]);
  });
});

describe("openSseStream", () => {
  it("streams from another loopback source address, and rejects a non-200 with its body", async () => {
    const server = createServer((req, res) => {
      if (req.headers.cookie !== "staff=1" || req.headers.accept !== "text/event-stream") {
        res.writeHead(401, { "Content-Type": "application/json" }).end('{"error":"unauthorized"}');
        return;
      }
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write(`: ${req.socket.remoteAddress}\n\n`);
      res.write("id: 3\ndata: a\n\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const seen: string[] = [];
      const request = { host: "127.0.0.1", port, localAddress: "127.0.0.2", path: "/events" };
      const socket = await openSseStream({ ...request, cookie: "staff=1" }, { id: (id) => seen.push(`id ${id}`), comment: () => seen.push("comment") });
      await expect.poll(() => seen).toEqual(["comment", "id 3"]);
      expect(socket.localAddress).toBe("127.0.0.2");
      socket.destroy();
      await expect(openSseStream(request, { id: () => {}, comment: () => {} })).rejects.toThrow('GET /events: 401 {"error":"unauthorized"}');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
