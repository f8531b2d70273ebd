import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES, parseJsonBody, parseQuery } from "./body";

const schema = z.strictObject({ name: z.string() });

function post(body: BodyInit, type = "application/json"): Request {
  return new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": type } });
}

async function errorOf(result: Awaited<ReturnType<typeof parseJsonBody>>) {
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
  it("refuses unknown parameters", () => {
    const result = parseQuery(new URL("http://localhost/x?name=a&sort=b"), schema);
    expect(result.ok).toBe(false);
  });
});
