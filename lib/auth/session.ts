import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "./password";

export const STAFF_SESSION_COOKIE = "tracker_staff";
const SESSION_HOURS = Number(process.env.STAFF_SESSION_HOURS) || 12;

export interface StaffIdentity {
  id: string;
  email: string;
  name: string;
}

function sessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// Compared against when the email is unknown, so a miss costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function authenticateStaff(email: string, password: string): Promise<StaffIdentity | null> {
  const user = await db().staffUser.findUnique({ where: { email } });
  decoyHash ??= hashPassword("decoy password, never valid");
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  return user && valid ? { id: user.id, email: user.email, name: user.name } : null;
}

/** Starts a session; returns the cookie's token (only its hash is stored). */
export async function createStaffSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const expiresAt = new Date(now + SESSION_HOURS * 3600_000);
  // Sign-ins are rare, so they can sweep sessions that expired without a logout.
  await db().$transaction([
    db().staffSession.deleteMany({ where: { expiresAt: { lte: new Date(now) } } }),
    db().staffSession.create({ data: { id: sessionId(token), userId, expiresAt } }),
  ]);
  return { token, expiresAt };
}

export async function deleteStaffSession(token: string): Promise<void> {
  await db().staffSession.deleteMany({ where: { id: sessionId(token) } });
}

export async function staffForToken(token: string | undefined): Promise<StaffIdentity | null> {
  if (!token) return null;
  const session = await db().staffSession.findUnique({
    where: { id: sessionId(token) },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db().staffSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  return session.user;
}

/** For server components and actions. */
export async function getStaffFromCookies(): Promise<StaffIdentity | null> {
  const jar = await cookies();
  return staffForToken(jar.get(STAFF_SESSION_COOKIE)?.value);
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean) {
  return {
    name: STAFF_SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    expires: expiresAt,
  };
}
