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

/**
 * Whether anyone may place an order without a key or a staff session (the /order page, keyless
 * POST /api/orders): TRACKER_ANONYMOUS_ORDERS=true|false. Unset, it is on for the demo and
 * development and off in production, where anyone on the internet could otherwise fill the
 * kitchen's board.
 */
export function anonymousOrdersAllowed(): boolean {
  const setting = process.env.TRACKER_ANONYMOUS_ORDERS?.trim();
  if (setting === "true") return true;
  if (setting === "false") return false;
  return isDemo() || process.env.NODE_ENV !== "production";
}
