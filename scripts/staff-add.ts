/**
 * `npm run staff:add -- --email chef@example.com [--name "Chef"] [--owner | --staff]`: creates a
 * staff account, or sets a new password (and name) on an existing one, which signs it out
 * everywhere. `--owner` makes the account an owner (owners also manage API keys and webhooks),
 * `--staff` makes it plain staff; without either a new account is staff and an existing one
 * keeps its role. The password
 * is asked for twice without echo on a terminal, or read from the first line of standard input
 * (`printf '%s\n' "$PW" | npm run staff:add -- --email …`), never from the command line, where
 * other users of the machine could read it.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { staffAccountSchema, upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { databaseUrl } from "@/lib/db/url";
import { describeIssues } from "@/lib/http/responses";
import { runAdminCommand } from "./admin-command";

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.resume();
    let value = "";
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stdout.write("\n");
          resolve(value);
          return;
        }
        if (char === "\u0003") process.exit(130);
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden("New password: ");
  const again = await promptHidden("Again: ");
  if (first !== again) throw new Error("The two passwords differ; nothing was changed.");
  return first;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, owner: { type: "boolean" }, staff: { type: "boolean" } },
  });
  if (!values.email || (values.owner && values.staff)) {
    throw new Error("Usage: npm run staff:add -- --email <email> [--name <name>] [--owner | --staff]");
  }
  const role = values.owner ? "owner" : values.staff ? "staff" : undefined;
  const password = await readPassword();
  const url = databaseUrl();
  await migrate({ url });
  const email = values.email.trim().toLowerCase();
  const existing = await db().staffUser.findUnique({ where: { email } });
  const parsed = staffAccountSchema.safeParse({ email, name: values.name ?? existing?.name ?? email.split("@")[0], password });
  if (!parsed.success) throw new Error(describeIssues(parsed.error));
  const { created } = await upsertStaffUser(db(), { ...parsed.data, role });
  const account = await db().staffUser.findUniqueOrThrow({ where: { email: parsed.data.email }, select: { role: true } });
  console.log(
    created
      ? `Created ${account.role} account ${parsed.data.email}.`
      : `Set a new password for ${parsed.data.email} (${account.role}); its sessions are signed out.`,
  );
}

runAdminCommand(main);
