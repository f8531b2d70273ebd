import type { RequestLike } from "@/lib/events/cursor";

/**
 * The client reached us over HTTPS, directly or through a proxy that says so (X-Forwarded-Proto).
 * Here, free of the session code, so that proxy.ts can use it without bundling the database.
 */
export function isHttps(request: RequestLike): boolean {
  const forwarded = request.headers.get("x-forwarded-proto");
  if (forwarded) return forwarded.split(",")[0]?.trim() === "https";
  return new URL(request.url).protocol === "https:";
}
