import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/db/generated/sqlite/client";
import { newId } from "@/lib/orders/codes";
import { DEFAULT_STAFF } from "./default-staff";
import { hashPassword } from "./password";
import type { Role } from "./roles";
import { forgetStaffSessionsOf } from "./session";

export const MIN_PASSWORD_LENGTH = 12;

/** A staff account as `npm run staff:add` takes it. */
export const staffAccountSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email("must be an email address").max(254),
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters"),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024, "must be at most 1024 characters")
    .refine((password) => password !== DEFAULT_STAFF.password, "must not be the documented default password"),
});

/**
 * Creates a staff account, or resets the password and name of an existing one. A `role` given
 * is set either way; without one a new account is staff and an existing one keeps its role.
 */
export async function upsertStaffUser(
  client: PrismaClient,
  input: { email: string; name: string; password: string; role?: Role },
): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const existing = await client.staffUser.findUnique({ where: { email } });
  if (existing) {
    // A new password ends every session the old one opened (a leaked password stops working at once).
    await client.$transaction([
      client.staffUser.update({ where: { id: existing.id }, data: { name: input.name, passwordHash, role: input.role } }),
      client.staffSession.deleteMany({ where: { userId: existing.id } }),
    ]);
    forgetStaffSessionsOf(existing.id);
    return { id: existing.id, created: false };
  }
  const id = newId();
  await client.staffUser.create({ data: { id, email, name: input.name, passwordHash, role: input.role ?? "staff" } });
  return { id, created: true };
}
