import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { db } from "@/lib/db/client";
import { processSlot } from "@/lib/runtime";
import { hashPassword, verifyPassword } from "./password";
import { roleOf, type Role } from "./roles";
import { SessionCache, recheckMsFromEnv } from "./session-cache";
import { sessionPasswords } from "./session-secret";

export const STAFF_SESSION_COOKIE = "tracker_staff";
const SESSION_HOURS = Number(process.env.STAFF_SESSION_HOURS) || 12;

export interface StaffIdentity {
  id: string;
  email: string;
  name: string;
  role: Role;
}

function sessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// One per process, not per module copy (lib/runtime.ts): a logout served by Next's bundle must
// end the session for server.ts's hot paths too.
const verified = processSlot("staffSessions", () => new SessionCache({ recheckMs: recheckMsFromEnv() }));

/**
 * The cookie is the session's random token sealed by iron-session: forged or tampered cookies are
 * refused without a database query, and the seal carries its own expiry. The database row is
 * what makes a session revocable (logout, password change): a valid seal whose row is gone is no
 * session.
 */
async function sealToken(token: string): Promise<string> {
  const [current] = sessionPasswords();
  return sealData({ sid: token }, { password: current, ttl: SESSION_HOURS * 3600 });
}

async function unsealToken(cookie: string): Promise<string | null> {
  // Every seal names password id 1, so a rotated-out secret is tried after the current one.
  for (const password of sessionPasswords()) {
    try {
      const data = await unsealData<{ sid?: unknown }>(cookie, { password, ttl: SESSION_HOURS * 3600 });
      if (typeof data.sid === "string") return data.sid;
    } catch {
      // iron-session throws on some malformed seals (bad base64, a wrong prefix): no session.
      return null;
    }
  }
  return null;
}

// Compared against when the email is unknown, so a miss costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function authenticateStaff(email: string, password: string): Promise<StaffIdentity | null> {
  const user = await db().staffUser.findUnique({ where: { email } });
  decoyHash ??= hashPassword("decoy password, never valid");
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  return user && valid ? { id: user.id, email: user.email, name: user.name, role: roleOf(user.role) } : null;
}

/** Starts a session; returns the cookie's value (the database stores only a hash of its token). */
export async function createStaffSession(userId: string): Promise<{ cookie: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const expiresAt = new Date(now + SESSION_HOURS * 3600_000);
  // Sign-ins are rare, so they can sweep sessions that expired without a logout.
  await db().$transaction([
    db().staffSession.deleteMany({ where: { expiresAt: { lte: new Date(now) } } }),
    db().staffSession.create({ data: { id: sessionId(token), userId, expiresAt } }),
  ]);
  return { cookie: await sealToken(token), expiresAt };
}

export async function deleteStaffSession(cookie: string): Promise<void> {
  verified().forgetCookie(cookie);
  const token = await unsealToken(cookie);
  if (token) await db().staffSession.deleteMany({ where: { id: sessionId(token) } });
}

/** Ends, in this process at once, every session of `userId` it had verified (a password change). */
export function forgetStaffSessionsOf(userId: string): void {
  verified().forgetIdentity(userId);
}

/**
 * The staff member a session cookie opens, or null. A session verified in the last
 * STAFF_SESSION_RECHECK_MS is trusted without unsealing or reading it again (session-cache.ts).
 */
export async function staffForCookie(cookie: string | undefined): Promise<StaffIdentity | null> {
  if (!cookie) return null;
  const known = verified().get(cookie);
  if (known) return known;
  const token = await unsealToken(cookie);
  if (!token) return null;
  const session = await db().staffSession.findUnique({
    where: { id: sessionId(token) },
    include: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db().staffSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  const staff = { ...session.user, role: roleOf(session.user.role) };
  verified().remember(cookie, staff, session.expiresAt.getTime());
  return staff;
}

export function sessionCookie(value: string, expiresAt: Date, secure: boolean) {
  return {
    name: STAFF_SESSION_COOKIE,
    value,
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    expires: expiresAt,
  };
}
