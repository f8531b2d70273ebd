import "server-only";
import type { PrismaClient } from "@/lib/db/generated/sqlite/client";
import { newId } from "@/lib/orders/codes";
import { hashPassword } from "./password";

/** Creates a staff account, or resets the password and name of an existing one. */
export async function upsertStaffUser(
  client: PrismaClient,
  input: { email: string; name: string; password: string },
): Promise<{ id: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const existing = await client.staffUser.findUnique({ where: { email } });
  if (existing) {
    await client.staffUser.update({ where: { id: existing.id }, data: { name: input.name, passwordHash } });
    return { id: existing.id, created: false };
  }
  const id = newId();
  await client.staffUser.create({ data: { id, email, name: input.name, passwordHash } });
  return { id, created: true };
}
