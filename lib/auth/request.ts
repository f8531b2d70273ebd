/**
 * Who is calling: a signed-in staff member (the session cookie) or another system (an API key in
 * `Authorization: Bearer <key>`). A request that sends an Authorization header is judged by it
 * alone, never by a cookie it may also carry, so a till's bad key is a 401 even from a browser
 * that is signed in.
 */
import "server-only";
import type { RequestLike } from "@/lib/http/request-like";
import { errorResponse } from "@/lib/http/responses";
import type { Actor } from "@/lib/orders/types";
import { apiKeyForToken, type ApiKeyIdentity } from "./api-keys";
import type { Scope } from "./scopes";
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

export type Principal =
  | { kind: "staff"; staff: StaffIdentity; actor: Actor }
  | { kind: "api_key"; key: ApiKeyIdentity; actor: Actor };

type Refusal = { ok: false; response: Response };

// RFC 6750's challenge, so a client library knows to send a bearer token (and why it failed).
const challenge = (error?: string, scope?: Scope) => ({
  "WWW-Authenticate": `Bearer realm="tracker"${error ? `, error="${error}"` : ""}${scope ? `, scope="${scope}"` : ""}`,
});

function refuse(status: number, code: Parameters<typeof errorResponse>[1], message: string, headers?: HeadersInit): Refusal {
  return { ok: false, response: errorResponse(status, code, message, {}, headers) };
}

const BEARER = /^Bearer +(\S+) *$/i;

async function keyPrincipal(authorization: string): Promise<{ ok: true; principal: Principal } | Refusal> {
  const token = BEARER.exec(authorization)?.[1];
  // The key is never echoed: not in the message, not in a log.
  if (!token) return refuse(401, "invalid_api_key", "Send an API key as Authorization: Bearer <key>.", challenge("invalid_request"));
  const check = await apiKeyForToken(token);
  if (!check.ok) {
    return check.reason === "revoked"
      ? refuse(401, "api_key_revoked", "This API key has been revoked.", challenge("invalid_token"))
      : refuse(401, "invalid_api_key", "This API key is not valid.", challenge("invalid_token"));
  }
  const { key } = check;
  return { ok: true, principal: { kind: "api_key", key, actor: { kind: "api_key", id: key.id, name: key.name } } };
}

function staffPrincipal(staff: StaffIdentity): Principal {
  return { kind: "staff", staff, actor: { kind: "staff", id: staff.id, name: staff.name } };
}

/** The caller, or null for an anonymous one; a bad API key is refused here (401). */
export async function identifyCaller(request: RequestLike): Promise<{ ok: true; principal: Principal | null } | Refusal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return keyPrincipal(authorization);
  const staff = await staffForCookie(sessionCookieValue(request));
  return { ok: true, principal: staff ? staffPrincipal(staff) : null };
}

/** Whether `principal` may do `scope`: a staff session may do everything a key can be given. */
export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.kind === "staff" || principal.key.scopes.includes(scope);
}

/** 403 for a key without `scope`. */
export function missingScope(scope: Scope): Response {
  return errorResponse(403, "insufficient_scope", `This API key lacks the ${scope} scope.`, { scope }, challenge("insufficient_scope", scope));
}

/** The caller, if it may do `scope`: 401 without a session or key, 403 for a key without the scope. */
export async function authorize(request: RequestLike, scope: Scope): Promise<{ ok: true; principal: Principal } | Refusal> {
  const caller = await identifyCaller(request);
  if (!caller.ok) return caller;
  const { principal } = caller;
  if (!principal) {
    return refuse(401, "unauthorized", "Sign in as staff, or send an API key as Authorization: Bearer <key>.", challenge());
  }
  if (!hasScope(principal, scope)) return { ok: false, response: missingScope(scope) };
  return { ok: true, principal };
}

/** An owner's staff session: only owners manage API keys and webhooks (403 for staff and for keys). */
export async function requireOwner(request: RequestLike): Promise<{ ok: true; staff: StaffIdentity } | Refusal> {
  const caller = await identifyCaller(request);
  if (!caller.ok) return caller;
  const { principal } = caller;
  if (!principal) return refuse(401, "unauthorized", "Sign in as an owner first.");
  if (principal.kind !== "staff" || principal.staff.role !== "owner") {
    return refuse(403, "owner_only", "Only an owner can manage API keys and webhooks.");
  }
  return { ok: true, staff: principal.staff };
}
