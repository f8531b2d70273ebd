import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES, parseJsonBody, parseQuery } from "./body";

const schema = z.strictObject({ name: z.string() });

function post(body: BodyInit, type = "application/json"): Request {
  return new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": type } });
}

async function errorOf(result: { ok: true } | { ok: false; response: Response }) {
  if (result.ok) throw new Error("expected a refusal");
  return { status: result.response.status, body: await result.response.json() };
}

describe("parseJsonBody", () => {
  it("parses a valid body", async () => {
    expect(await parseJsonBody(post('{"name":"Ada"}'), schema)).toEqual({ ok: true, data: { name: "Ada" } });
  });

  it("accepts a charset in the content type", async () => {
    const result = await parseJsonBody(post('{"name":"Ada"}', "application/json; charset=utf-8"), schema);
    expect(result.ok).toBe(true);
  });

  it("accepts the media type in any case, with spaces before its parameters", async () => {
    expect((await parseJsonBody(post('{"name":"Ada"}', "Application/JSON ; charset=UTF-8"), schema)).ok).toBe(true);
  });

  it.each(["application/json-patch+json", "application/jsonx", "text/json", "application/json5", ""])(
    "answers 415 for %j",
    async (type) => {
      expect((await errorOf(await parseJsonBody(post('{"name":"Ada"}', type), schema))).status).toBe(415);
    },
  );

  it("answers 400 invalid_json for a body that is not UTF-8", async () => {
    // "Zoë" in Latin-1: 0xEB is not valid UTF-8 on its own.
    const latin1 = Uint8Array.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0x5a, 0x6f, 0xeb, 0x22, 0x7d]);
    expect(await errorOf(await parseJsonBody(post(latin1), schema))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json", message: "The body is not UTF-8." } },
    });
  });

  it("answers 400 invalid_json for a member named twice", async () => {
    expect(await errorOf(await parseJsonBody(post('{"name":"Ada","name":"Bob"}'), schema))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json" } },
    });
  });

  it("answers 400 invalid_json when the body breaks off mid-stream", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":'));
        controller.error(new Error("client went away"));
      },
    });
    const init = { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" };
    expect(await errorOf(await parseJsonBody(new Request("http://localhost/x", init), schema))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json" } },
    });
  });

  it("answers 415 for another content type", async () => {
    expect(await errorOf(await parseJsonBody(post("name=Ada", "application/x-www-form-urlencoded"), schema))).toMatchObject({
      status: 415,
      body: { error: { code: "unsupported_media_type" } },
    });
  });

  it("answers 400 invalid_json for malformed JSON", async () => {
    expect(await errorOf(await parseJsonBody(post("{"), schema))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json" } },
    });
  });

  it("answers 400 naming the field for a body that fails the schema", async () => {
    const { status, body } = await errorOf(await parseJsonBody(post('{"name":1,"extra":true}'), schema));
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_body");
    expect(body.error.message).toContain("name");
    expect(body.error.message).toContain("extra");
  });

  it("answers 413 for a body over the cap, counting the bytes it reads", async () => {
    const request = post(JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) }));
    // No declared length: the cap must hold while the body is read, not only by the header.
    expect(request.headers.get("content-length")).toBeNull();
    expect((await errorOf(await parseJsonBody(request, schema))).status).toBe(413);
  });

  it("answers 413 at once for a declared length over the cap", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) },
    });
    expect((await errorOf(await parseJsonBody(request, schema))).status).toBe(413);
  });
});

describe("parseQuery", () => {
  it("parses known parameters", () => {
    expect(parseQuery(new URL("http://localhost/x?name=a"), schema)).toEqual({ ok: true, data: { name: "a" } });
  });

  it("refuses unknown parameters", () => {
    const result = parseQuery(new URL("http://localhost/x?name=a&sort=b"), schema);
    expect(result.ok).toBe(false);
  });

  it("refuses __proto__ as the unknown parameter it is", () => {
    expect(parseQuery(new URL("http://localhost/x?name=a&__proto__=b"), schema).ok).toBe(false);
  });

  it("refuses a parameter given twice", async () => {
    const result = parseQuery(new URL("http://localhost/x?name=a&name=b"), schema);
    expect(await errorOf(result)).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_query", message: "name: must be given at most once" } },
    });
  });
});
