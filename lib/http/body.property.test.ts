/**
 * Properties of the body and query readers: whatever bytes, content type, chunking or length a
 * client sends, the answer is the parsed data or a 400, 413 or 415, never an exception; bodies
 * over the cap are a 413 whether their length is declared or only streamed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES, parseJsonBody, parseQuery } from "./body";
import { parseStrictJson } from "./json";

const schema = z.strictObject({ name: z.string(), tags: z.array(z.string()).optional() });

/** A request whose body arrives in the given chunks, with no Content-Length unless `declared`. */
function streamed(chunks: Uint8Array[], type: string, declared?: number): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const headers: Record<string, string> = { "content-type": type };
  if (declared !== undefined) headers["content-length"] = String(declared);
  const init = { method: "POST", body, headers, duplex: "half" };
  return new Request("http://localhost/x", init);
}

/** `bytes` cut at arbitrary points (multi-byte characters included). */
const chunked = (bytes: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(bytes, fc.array(fc.nat(), { maxLength: 6 })).map(([all, cuts]) => {
    const points = [...new Set(cuts.map((cut) => cut % (all.length + 1)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let from = 0;
    for (const point of [...points, all.length]) {
      chunks.push(all.subarray(from, point));
      from = point;
    }
    return chunks;
  });

const encoder = new TextEncoder();
const contentType = fc.oneof(
  fc.constantFrom("application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "", "application/json-seq", "multipart/form-data; boundary=x"),
  fc.string({ unit: "binary-ascii", maxLength: 40 }).filter((type) => !/[\r\n\0]/.test(type)),
);

// Bodies a client might send: valid ones, JSON of any shape, text, and raw bytes.
const validBody = fc.record({ name: fc.string({ unit: "binary" }), tags: fc.array(fc.string()) }, { requiredKeys: ["name"] });
const bodyBytes = fc.oneof(
  validBody.map((body) => encoder.encode(JSON.stringify(body))),
  fc.json().map((text) => encoder.encode(text)),
  fc.string({ unit: "binary" }).map((text) => encoder.encode(text)),
  fc.uint8Array({ maxLength: 2048 }),
);

/** Whether the bytes survive a lenient decode unchanged: true exactly for valid UTF-8. */
function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes);
}

async function answer(request: Request) {
  const result = await parseJsonBody(request, schema);
  return result.ok ? { status: 200, body: result.data } : { status: result.response.status, body: await result.response.json() };
}

describe("parseJsonBody", () => {
  it("answers any bytes, any content type, any chunking with data, 400, 413 or 415, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(chunked(bodyBytes), contentType, async (chunks, type) => {
        const { status, body } = await answer(streamed(chunks, type));
        expect([200, 400, 413, 415]).toContain(status);
        if (status !== 200) expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        const json = type.split(";")[0]?.trim().toLowerCase() === "application/json";
        expect(status === 415).toBe(!json);
        if (json && !isUtf8(Buffer.concat(chunks))) expect(body.error.code).toBe("invalid_json");
      }),
    );
  });

  it("gets back exactly the valid body it was sent, however the UTF-8 is cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(validBody.chain((body) => fc.tuple(fc.constant(body), chunked(fc.constant(encoder.encode(JSON.stringify(body)))))), async ([body, chunks]) => {
        expect(await answer(streamed(chunks, "application/json"))).toEqual({ status: 200, body: JSON.parse(JSON.stringify(body)) });
      }),
    );
  });

  it("answers 413 to any body over the cap, declared or only streamed", async () => {
    const oversized = fc.integer({ min: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES * 3 }).map((size) => encoder.encode(`{"name":"${"x".repeat(size)}"}`));
    await fc.assert(
      fc.asyncProperty(chunked(oversized), fc.boolean(), async (chunks, declare) => {
        const size = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
        const { status, body } = await answer(streamed(chunks, "application/json", declare ? size : undefined));
        expect(status).toBe(413);
        expect(body.error.code).toBe("payload_too_large");
      }),
      { numRuns: 30 },
    );
  });

  it("answers 413 to a declared length over the cap before reading the body", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_BODY_BYTES + 1 }), async (declared) => {
        expect((await answer(streamed([encoder.encode("{}")], "application/json", declared))).status).toBe(413);
      }),
    );
  });
});

describe("parseStrictJson", () => {
  const escaped = (name: string) => [...name].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

  it("parses what JSON.parse parses when no object repeats a name", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });

  it("refuses any object, at any depth, that names a member twice, however the name is spelled", () => {
    const duplicated = fc
      .tuple(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([object, pick, value, escape]) => {
        const names = Object.keys(object);
        const name = names[pick % names.length] ?? "";
        return `{${escape ? `"${escaped(name)}"` : JSON.stringify(name)}:${JSON.stringify(value)},${JSON.stringify(object).slice(1)}`;
      });
    const wrapped = fc.tuple(duplicated, fc.array(fc.constantFrom("array", "object"), { maxLength: 5 })).map(([inner, layers]) =>
      layers.reduce((text, layer) => (layer === "array" ? `[1,${text},{}]` : `{"x":${text},"y":[]}`), inner),
    );
    fc.assert(
      fc.property(wrapped, (text) => {
        expect(parseStrictJson(text).ok).toBe(false);
      }),
    );
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.json(), fc.string({ unit: fc.constantFrom(..."{}[]\":,\\u0a1 ") })), (text) => {
        expect(() => parseStrictJson(text)).not.toThrow();
      }),
    );
  });
});

describe("parseQuery", () => {
  const query = z.strictObject({ status: z.string().optional(), includeFinished: z.string().optional() });
  const key = fc.oneof(fc.constantFrom("status", "includeFinished", "__proto__", "constructor", ""), fc.string());
  const params = fc.array(fc.tuple(key, fc.string({ unit: "binary" })), { maxLength: 6 });

  it("answers any query string with data or a 400 invalid_query, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary" }), params.map((list) => new URLSearchParams(list).toString())), async (search) => {
        const result = parseQuery(new URL(`http://localhost/x?${search}`), query);
        if (result.ok) return;
        expect(result.response.status).toBe(400);
        expect((await result.response.json()).error.code).toBe("invalid_query");
      }),
    );
  });

  it("accepts a query only when every key is known and given once", () => {
    fc.assert(
      fc.property(params, (list) => {
        const names = list.map(([name]) => name);
        const clean = names.every((name) => name === "status" || name === "includeFinished") && new Set(names).size === names.length;
        const result = parseQuery(new URL(`http://localhost/x?${new URLSearchParams(list)}`), query);
        expect(result.ok).toBe(clean);
        if (result.ok) expect(result.data).toEqual(Object.fromEntries(list));
      }),
    );
  });
});
