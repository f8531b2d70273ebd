import type { z } from "zod";

/** Every error code the API answers with (the OpenAPI document lists them). */
export const ERROR_CODES = [
  "invalid_json",
  "invalid_body",
  "invalid_query",
  "invalid_cursor",
  "invalid_request",
  "payload_too_large",
  "unsupported_media_type",
  "unauthorized",
  "invalid_api_key",
  "api_key_revoked",
  "insufficient_scope",
  "owner_only",
  "invalid_idempotency_key",
  "idempotency_key_reused",
  "duplicate_external_id",
  "cross_site",
  "too_many_requests",
  "not_found",
  "stale_version",
  "illegal_transition",
  "shutting_down",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The JSON of an error answer, for a writer that has no `Response` (the edge, lib/http/edge.ts). */
export function errorBody(code: ErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** Every error answer has this shape: `{ error: { code, message } }` plus optional context. */
export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: HeadersInit,
): Response {
  return Response.json({ error: { code, message }, ...extra }, { status, headers });
}

/** "items.0.quantity: must be at most 99; note: ..." — names the field a client got wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join(".") : "body";
      return `${where}: ${issue.message}`;
    })
    .join("; ");
}
