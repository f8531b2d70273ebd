/**
 * What production refuses to start with: the public development session secret, or a staff
 * account that still has the documented default password. Outside production, and in the demo
 * (TRACKER_DEMO=true), both are fine.
 */
import "server-only";
import { db } from "@/lib/db/client";
import { DEFAULT_STAFF } from "./default-staff";
import { requiresOwnSecrets } from "./deployment";
import { verifyPassword } from "./password";
import { sessionSecretProblem } from "./session-secret";

/** The emails of accounts whose password is the documented default. */
export async function accountsWithDefaultPassword(): Promise<string[]> {
  const users = await db().staffUser.findMany({ select: { email: true, passwordHash: true } });
  const matches = await Promise.all(users.map(async (user) => ((await verifyPassword(DEFAULT_STAFF.password, user.passwordHash)) ? user.email : null)));
  return matches.filter((email) => email !== null);
}

/** Why this process must not serve, one line each; empty when it may. */
export async function startupProblems(): Promise<string[]> {
  if (!requiresOwnSecrets()) return [];
  const problems: string[] = [];
  const secret = sessionSecretProblem();
  if (secret) problems.push(secret);
  for (const email of await accountsWithDefaultPassword()) {
    problems.push(`Staff account ${email} still has the default password: set a new one with \`npm run staff:add -- --email ${email}\`.`);
  }
  return problems;
}
