import { isHttps, sessionToken } from "@/lib/auth/request";
import {
  STAFF_SESSION_COOKIE,
  authenticateStaff,
  createStaffSession,
  deleteStaffSession,
  sessionCookie,
} from "@/lib/auth/session";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/responses";
import { staffLoginSchema } from "@/lib/orders/input";
import { NextResponse } from "next/server";

export async function POST(request: Request): Promise<Response> {
  const body = await parseJsonBody(request, staffLoginSchema);
  if (!body.ok) return body.response;
  const staff = await authenticateStaff(body.data.email, body.data.password);
  if (!staff) return errorResponse(401, "unauthorized", "Wrong email or password.");
  const session = await createStaffSession(staff.id);
  const response = NextResponse.json({ staff });
  response.cookies.set(sessionCookie(session.token, session.expiresAt, isHttps(request)));
  return response;
}

export async function DELETE(request: Request): Promise<Response> {
  const token = sessionToken(request);
  if (token) await deleteStaffSession(token);
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(STAFF_SESSION_COOKIE);
  return response;
}
