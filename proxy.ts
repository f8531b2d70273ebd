/**
 * Security headers on everything Next serves (https://nextjs.org/docs/app/guides/content-security-policy).
 * The three paths served below Next in production never reach this file; they get the same
 * headers from lib/server/node-bridge.ts and lib/events/response.ts (decision records 006, 007).
 */
import { NextResponse, type NextRequest } from "next/server";
import { isHttps } from "@/lib/http/https";
import { API_SECURITY_HEADERS, createNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

/** What is not a page: the API and Next's own files (scripts, stylesheets). */
const NOT_A_PAGE = /^\/(?:api|_next)\//;

function withHeaders(response: NextResponse, headers: Readonly<Record<string, string>>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (NOT_A_PAGE.test(pathname)) return withHeaders(NextResponse.next(), API_SECURITY_HEADERS);
  const headers = pageSecurityHeaders({
    pathname,
    nonce: createNonce(),
    https: isHttps(request),
    dev: process.env.NODE_ENV === "development",
  });
  // Next reads the nonce from the request's policy and stamps it on every script it renders
  // (which is why every page renders per request: app/layout.tsx).
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}
