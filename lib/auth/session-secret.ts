/**
 * The key that seals session cookies (iron-session: AES-256-CBC + HMAC-SHA-256). A cookie that was
 * not sealed with it is refused before the database is asked.
 *
 * TRACKER_SESSION_SECRET rotates without signing everyone out: move the old value to
 * TRACKER_SESSION_SECRET_PREVIOUS, set a new one; cookies sealed with either open, new ones use the
 * new one.
 */
import { requiresOwnSecrets } from "./deployment";

export const MIN_SECRET_LENGTH = 32;

// Public on purpose (it is in the repository): it keeps the demo and development working with no
// setup, and production refuses to start with it (lib/auth/startup.ts).
const DEVELOPMENT_SECRET = "tracker development secret: never use it in production";

/** What is wrong with the configured secret, or null. */
export function sessionSecretProblem(): string | null {
  const secret = process.env.TRACKER_SESSION_SECRET ?? "";
  if (!secret && !requiresOwnSecrets()) return null;
  if (secret.length < MIN_SECRET_LENGTH) {
    return `TRACKER_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters (try: openssl rand -base64 32).`;
  }
  if (secret === DEVELOPMENT_SECRET) return "TRACKER_SESSION_SECRET is the public development secret.";
  const previous = process.env.TRACKER_SESSION_SECRET_PREVIOUS;
  if (previous !== undefined && previous !== "" && previous.length < MIN_SECRET_LENGTH) {
    return `TRACKER_SESSION_SECRET_PREVIOUS must be at least ${MIN_SECRET_LENGTH} characters.`;
  }
  return null;
}

/** The secret that seals, then the one cookies may still be sealed with during a rotation. */
export function sessionPasswords(): [string, ...string[]] {
  const problem = sessionSecretProblem();
  if (problem) throw new Error(problem);
  const current = process.env.TRACKER_SESSION_SECRET || DEVELOPMENT_SECRET;
  const previous = process.env.TRACKER_SESSION_SECRET_PREVIOUS;
  return previous ? [current, previous] : [current];
}
