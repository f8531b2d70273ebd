/**
 * The staff account an empty database is seeded with when STAFF_PASSWORD is not set: documented in
 * the README so the demo works out of the box, and therefore known to everyone. Production refuses
 * to start while any account still has this password (lib/auth/startup.ts).
 */
export const DEFAULT_STAFF = {
  email: "staff@tracker.local",
  password: "tracker-staff",
  name: "Sam from the kitchen",
} as const;
