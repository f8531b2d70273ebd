/**
 * The human message of an API error answer (`{ error: { code, message } }`), or null when the
 * body is not one (e.g. a proxy's HTML error page). Used by the browser forms and the board.
 */
export function apiErrorMessage(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const error = body.error;
  if (typeof error !== "object" || error === null || !("message" in error)) return null;
  return typeof error.message === "string" ? error.message : null;
}
