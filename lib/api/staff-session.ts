/** `POST /api/staff/session` signs staff in (a sealed session cookie); `DELETE` signs them out. The cross-site check is the edge's. */
import "server-only";
import { NextResponse } from "next/server";
import { sessionCookieValue } from "@/lib/auth/request";
import { STAFF_SESSION_COOKIE, deleteStaffSession, sessionCookie } from "@/lib/auth/session";
import { signIn } from "@/lib/auth/sign-in";
import { parseJsonBody } from "@/lib/http/body";
import { clientAddress } from "@/lib/http/client-address";
import { isHttps } from "@/lib/http/request-origin";
import { errorResponse } from "@/lib/http/responses";
import { staffLoginSchema } from "@/lib/orders/input";

export async function POST(request: Request): Promise<Response> {
  const body = await parseJsonBody(request, staffLoginSchema);
  if (!body.ok) return body.response;
  const result = await signIn(body.data, clientAddress(request));
  switch (result.outcome) {
    case "throttled":
      return errorResponse(
        429,
        "too_many_requests",
        `Too many failed sign-ins. Try again in ${result.retryAfterSeconds} seconds.`,
        {},
        { "Retry-After": String(result.retryAfterSeconds) },
      );
    case "refused":
      return errorResponse(401, "unauthorized", "Wrong email or password.");
    case "signed_in": {
      const response = NextResponse.json({ staff: result.staff });
      response.cookies.set(sessionCookie(result.cookie, result.expiresAt, isHttps(request)));
      return response;
    }
  }
}

export async function DELETE(request: Request): Promise<Response> {
  const cookie = sessionCookieValue(request);
  if (cookie) await deleteStaffSession(cookie);
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(STAFF_SESSION_COOKIE);
  return response;
}
