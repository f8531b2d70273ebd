/**
 * What a page tells its user when the server refuses a request. Every API error answer is
 * `{ error: { code, message } }` (lib/http/responses.ts), and a 4xx message is written for the
 * person who sent the request, so the page shows it. A 5xx is the server's own trouble: its
 * message (a stack's, a restart's) says nothing the user can act on.
 */

export const SERVER_FAULT_MESSAGE = "Something went wrong on our side. Please try again in a moment.";

/**
 * The cross-site refusal's own message names headers (lib/http/csrf.ts). Someone meeting it from
 * our own page most likely reached the page at one address and the server knows it by another
 * (a proxy, a bookmark of an old address), which a reload from the usual address mends.
 */
export const CROSS_SITE_MESSAGE =
  "The server refused this because the request seemed to come from another site or address. " +
  "Reload the page from the address you normally use, then try again.";

interface ApiError {
  code: string | null;
  message: string | null;
}

/** The error of an API error answer, or null when the body is not one (e.g. a proxy's HTML page). */
function readApiError(body: unknown): ApiError | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const error = body.error;
  if (typeof error !== "object" || error === null) return null;
  const code = "code" in error && typeof error.code === "string" ? error.code : null;
  const message = "message" in error && typeof error.message === "string" && error.message.trim() ? error.message.trim() : null;
  return { code, message };
}

// Server messages name a field and what is wrong with it, without a full stop; the pages show
// sentences.
function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The sentence for a refused request: the server's message for a 4xx that has one (the
 * cross-site refusal gets CROSS_SITE_MESSAGE), `fallback` for a 4xx without one, and
 * SERVER_FAULT_MESSAGE for anything else the page could not use (a 5xx).
 */
export function refusalMessage(status: number, body: unknown, fallback = `The server refused this request (HTTP ${status}).`): string {
  if (status < 400 || status >= 500) return SERVER_FAULT_MESSAGE;
  const error = readApiError(body);
  if (status === 403 && error?.code === "cross_site") return CROSS_SITE_MESSAGE;
  return asSentence(error?.message ?? fallback);
}
