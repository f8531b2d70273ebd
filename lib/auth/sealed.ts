/**
 * Secrets the server must read back (a webhook's signing secret, a kept answer holding a tracking
 * link), stored sealed with the session secret (iron-session: AES-256-CBC + HMAC-SHA-256), so a
 * copy of the database alone reveals none of them. During a rotation (lib/auth/session-secret.ts)
 * a value sealed with the previous secret still opens, and says so, so its owner can seal it again.
 */
import "server-only";
import { sealData, unsealData } from "iron-session";
import { sessionPasswords } from "./session-secret";

export async function sealValue<T extends object>(value: T): Promise<string> {
  const [current] = sessionPasswords();
  return sealData(value, { password: current, ttl: 0 });
}

/** The value, and whether it was sealed with the previous secret; throws when neither opens it. */
export async function unsealValue<T extends object>(sealed: string): Promise<{ value: T; stale: boolean }> {
  const passwords = sessionPasswords();
  for (const [index, password] of passwords.entries()) {
    try {
      const value = await unsealData<T>(sealed, { password, ttl: 0 });
      // iron-session answers {} for a seal it cannot open with this password.
      if (Object.keys(value).length > 0) return { value, stale: index > 0 };
    } catch {
      // Malformed or sealed otherwise: try the next secret.
    }
  }
  throw new Error("a sealed value cannot be opened with the configured session secrets (rotated twice since it was sealed?)");
}
