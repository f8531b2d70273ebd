/**
 * Security headers on every page Next serves, with a fresh nonce
 * (https://nextjs.org/docs/app/guides/content-security-policy). What is not a page gets its
 * headers from next.config.ts; the three paths served below Next in production get them from
 * lib/server/node-bridge.ts and lib/events/response.ts (decision records 006, 007).
 */
import { NextResponse, type NextRequest } from "next/server";
import { isHttps } from "@/lib/http/https";
import { createNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const headers = pageSecurityHeaders({
    pathname: request.nextUrl.pathname,
    nonce: createNonce(),
    https: isHttps(request),
    dev: process.env.NODE_ENV === "development",
  });
  // Next reads the nonce from the request's policy and stamps it on every script it renders
  // (which is why every page renders per request: app/layout.tsx).
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but /api/* and /_next/*, which next.config.ts covers.
  matcher: ["/((?!api/|_next/).*)"],
};
