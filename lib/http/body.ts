import type { z } from "zod";
import { describeIssues, errorResponse } from "./responses";

/** JSON bodies of this API are small; anything larger is refused before it is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

async function readCapped(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and validates a JSON body: 415 when not JSON, 413 when too large, 400 when invalid. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.infer<S>>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      response: errorResponse(415, "unsupported_media_type", "Send the body as application/json."),
    };
  }
  const text = await readCapped(request);
  if (text === null) {
    return {
      ok: false,
      response: errorResponse(413, "payload_too_large", `The body must be at most ${MAX_BODY_BYTES} bytes.`),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: errorResponse(400, "invalid_json", "The body is not valid JSON.") };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    return { ok: false, response: errorResponse(400, "invalid_body", describeIssues(result.error)) };
  }
  return { ok: true, data: result.data };
}

/** Validates a URL's query string against a strict schema (unknown parameters are a 400). */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S, ignore: string[] = []): Parsed<z.infer<S>> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!ignore.includes(key)) query[key] = value;
  const result = schema.safeParse(query);
  if (!result.success) {
    return { ok: false, response: errorResponse(400, "invalid_query", describeIssues(result.error)) };
  }
  return { ok: true, data: result.data };
}
