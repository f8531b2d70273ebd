/** A staff sign-in: throttled (lib/auth/login-throttle.ts), checked, and a session started. */
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { loginThrottle, type LoginThrottle } from "./login-throttle";
import { authenticateStaff, createStaffSession, type StaffIdentity } from "./session";

export type SignInResult =
  | { outcome: "throttled"; retryAfterSeconds: number }
  | { outcome: "refused" }
  | { outcome: "signed_in"; staff: StaffIdentity; cookie: string; expiresAt: Date };

export async function signIn(
  credentials: { email: string; password: string },
  address: string,
  throttle: LoginThrottle = loginThrottle(),
): Promise<SignInResult> {
  const gate = await throttle(credentials.email, address);
  if (!gate.allowed) return { outcome: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  if (gate.delayMs > 0) await sleep(gate.delayMs);
  const staff = await authenticateStaff(credentials.email, credentials.password);
  if (!staff) return { outcome: "refused" };
  await gate.succeeded();
  const session = await createStaffSession(staff.id);
  return { outcome: "signed_in", staff, cookie: session.cookie, expiresAt: session.expiresAt };
}
