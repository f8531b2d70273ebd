/**
 * The signed-in staff member of the page being rendered. Apart from lib/auth/session.ts because
 * `next/headers` reads Next's per-request storage: the hot paths that server.ts loads before
 * Next has set that storage up must not import it.
 */
import "server-only";
import { cookies } from "next/headers";
import { STAFF_SESSION_COOKIE, staffForCookie, type StaffIdentity } from "./session";

export async function getStaffFromCookies(): Promise<StaffIdentity | null> {
  const jar = await cookies();
  return staffForCookie(jar.get(STAFF_SESSION_COOKIE)?.value);
}
