import { describe, expect, it } from "vitest";
import { encodeComment, encodeEvent, encodeRetry } from "./encoder";
import { parseEventStream } from "@/test/support/sse-spec-parser";

describe("encodeEvent", () => {
  it("writes the fields in the architecture's wire format", () => {
    expect(encodeEvent({ id: 42, event: "order.status", data: '{"a":1}' })).toBe(
      'id: 42\nevent: order.status\ndata: {"a":1}\n\n',
    );
  });

  it("ends every message with a blank line", () => {
    expect(encodeEvent({ data: "x" }).endsWith("\n\n")).toBe(true);
    expect(encodeEvent({ data: "" }).endsWith("\n\n")).toBe(true);
  });

  it("gives empty data one bare data: line", () => {
    expect(encodeEvent({ data: "" })).toBe("data:\n\n");
  });

  it.each([
    ["LF", "a\nb"],
    ["CR", "a\rb"],
    ["CRLF", "a\r\nb"],
  ])("splits %s-separated data into several data: lines", (_name, data) => {
    expect(encodeEvent({ data })).toBe("data: a\ndata: b\n\n");
  });

  it("keeps empty lines inside data, including leading and trailing ones", () => {
    expect(encodeEvent({ data: "\na\n\n" })).toBe("data:\ndata: a\ndata:\ndata:\n\n");
  });

  it("strips CR, LF and NUL from id and event", () => {
    expect(encodeEvent({ id: "4\r\n2\0", event: "order.\nstatus\r", data: "x" })).toBe(
      "id: 42\nevent: order.status\ndata: x\n\n",
    );
  });

  it("passes unicode through untouched", () => {
    const data = "Crème brûlée × 2 — 🍕 日本語";
    expect(encodeEvent({ event: "ünï", data })).toBe(`event: ünï\ndata: ${data}\n\n`);
  });

  it("writes retry and rejects values a client would ignore", () => {
    expect(encodeEvent({ retry: 2000, data: "x" })).toBe("retry: 2000\ndata: x\n\n");
    expect(() => encodeEvent({ retry: -1, data: "x" })).toThrow(RangeError);
    expect(() => encodeEvent({ retry: 1.5, data: "x" })).toThrow(RangeError);
    expect(() => encodeEvent({ retry: Number.NaN, data: "x" })).toThrow(RangeError);
  });
});

describe("encodeComment and encodeRetry", () => {
  it("writes the keep-alive comment", () => {
    expect(encodeComment("keep-alive")).toBe(": keep-alive\n\n");
  });

  it("keeps a multi-line comment a comment on every line", () => {
    expect(encodeComment("a\r\nb\rc")).toBe(": a\n: b\n: c\n\n");
    expect(parseEventStream(encodeComment("a\nid: 7\ndata: x")).events).toEqual([]);
  });

  it("writes a retry-only message", () => {
    expect(encodeRetry(2000)).toBe("retry: 2000\n\n");
    expect(() => encodeRetry(-5)).toThrow(RangeError);
  });
});

describe("round trip through a spec-following parser", () => {
  const cases = [
    { id: 1, event: "order.status", data: '{"eventId":1,"status":"preparing"}' },
    { id: 2, event: "order.created", data: "" },
    { id: 3, data: "line one\nline two\r\nline three\rline four" },
    { id: 4, event: "x", data: "\n\n" },
    { id: 5, data: " leading space and trailing space " },
    { id: 6, data: "data: looks like a field\n: looks like a comment\nid: 99" },
    { id: 7, data: "🍕 Crème brûlée — 日本語" },
  ];

  it("gets back every event, its type, data and id", () => {
    const stream =
      encodeRetry(2000) + cases.map((c) => encodeEvent(c)).join("") + encodeComment("keep-alive");
    const parsed = parseEventStream(stream);
    expect(parsed.retry).toBe(2000);
    expect(parsed.comments).toEqual(["keep-alive"]);
    expect(parsed.events).toEqual(
      cases.map((c) => ({
        type: c.event || "message",
        // The spec normalises every line ending inside data to LF.
        data: c.data.replace(/\r\n|\r/g, "\n"),
        lastEventId: String(c.id),
      })),
    );
  });

  it("cannot be tricked into extra fields by hostile id or event values", () => {
    const parsed = parseEventStream(encodeEvent({ id: "7\nevent: evil", event: "ok\ndata: injected", data: "real" }));
    expect(parsed.events).toEqual([{ type: "okdata: injected", data: "real", lastEventId: "7event: evil" }]);
  });
});
