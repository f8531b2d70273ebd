/**
 * What kind of deployment this is, for the rules that differ: production (`next start`,
 * NODE_ENV=production) must be configured with secrets of its own; the demo (`npm run demo`,
 * TRACKER_DEMO=true) and development run with the documented defaults.
 */
export function isDemo(): boolean {
  return process.env.TRACKER_DEMO?.trim() === "true";
}

/** Whether the documented, public defaults (staff password, session secret) are refused. */
export function requiresOwnSecrets(): boolean {
  return process.env.NODE_ENV === "production" && !isDemo();
}
