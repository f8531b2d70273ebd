/**
 * The integrations page's requests to the owner endpoints (lib/api/integrations.ts). Every one
 * says it is JSON: the edge refuses state-changing requests that could come from another site's form.
 */
import { refusalMessage } from "@/lib/http/error-message";

export type ApiResult<T> = { ok: true; body: T } | { ok: false; message: string };

const UNREACHABLE = "Could not reach the server. Check the connection and try again.";

/** Sends a request; the body of a success (null for 204), or the sentence to show for a refusal. */
export async function callApi<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
  const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) return { ok: false, message: refusalMessage(response.status, parsed) };
  // The owner endpoints answer these shapes; a success is never a proxy's page.
  return { ok: true, body: parsed as T };
}
