/** Staff roles: an owner also manages API keys and webhooks; staff run the board. */
export const ROLES = ["owner", "staff"] as const;

export type Role = (typeof ROLES)[number];

/** A stored role; anything else (corruption) is the lesser role, never the greater. */
export function roleOf(stored: string): Role {
  return stored === "owner" ? "owner" : "staff";
}
