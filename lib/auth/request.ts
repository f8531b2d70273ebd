import "server-only";
import type { RequestLike } from "@/lib/http/request-like";
import { errorResponse } from "@/lib/http/responses";
import { STAFF_SESSION_COOKIE, staffForCookie, type StaffIdentity } from "./session";

function cookieValue(request: RequestLike, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      // `%zz` and the like: not a cookie we set, so no session.
      return undefined;
    }
  }
  return undefined;
}

export function sessionCookieValue(request: RequestLike): string | undefined {
  return cookieValue(request, STAFF_SESSION_COOKIE);
}

/** The signed-in staff member, or the 401 answer to return. */
export async function requireStaff(
  request: RequestLike,
): Promise<{ ok: true; staff: StaffIdentity } | { ok: false; response: Response }> {
  const staff = await staffForCookie(sessionCookieValue(request));
  if (staff) return { ok: true, staff };
  return { ok: false, response: errorResponse(401, "unauthorized", "Sign in as staff first.") };
}
