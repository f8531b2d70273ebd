/**
 * `npm run apikey -- create --name "Till 2" --scope orders:create --scope orders:write`
 * `npm run apikey -- list`
 * `npm run apikey -- revoke <id or shown prefix>`
 *
 * Manages the API keys other systems use (lib/auth/api-keys.ts). `create` prints the key once,
 * on its own line of standard output (everything else goes to standard error), so
 * `KEY=$(npm run -s apikey -- create …)` captures just the key. Owners can do the same on the
 * staff pages; this is for whoever runs the server.
 */
import { parseArgs } from "node:util";
import { apiKeyInputSchema, createApiKey, listApiKeys, revokeApiKey, type ApiKeySummary } from "@/lib/auth/api-keys";
import { SCOPES } from "@/lib/auth/scopes";
import { db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { databaseUrl } from "@/lib/db/url";
import { describeIssues } from "@/lib/http/responses";
import { runAdminCommand, whenText } from "./admin-command";

const USAGE = [
  "Usage:",
  `  npm run apikey -- create --name <name> --scope <scope> [--scope <scope> …]   (scopes: ${SCOPES.join(", ")})`,
  "  npm run apikey -- list",
  "  npm run apikey -- revoke <id or prefix>",
].join("\n");


function describeKey(key: ApiKeySummary): string {
  const state = key.revokedAt ? `revoked ${whenText(key.revokedAt)}` : `last used ${whenText(key.lastUsedAt)}`;
  return `${key.id}  ${key.prefix}…  ${key.name}  [${key.scopes.join(" ")}]  created ${whenText(key.createdAt)}${key.createdBy ? ` by ${key.createdBy}` : ""}  ${state}`;
}

async function create(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { name: { type: "string" }, scope: { type: "string", multiple: true } } });
  const parsed = apiKeyInputSchema.safeParse({
    name: values.name ?? "",
    scopes: (values.scope ?? []).flatMap((scope) => scope.split(",")).map((scope) => scope.trim()),
  });
  if (!parsed.success) throw new Error(`${describeIssues(parsed.error)}\n${USAGE}`);
  const { key, summary } = await createApiKey(db(), parsed.data, null);
  console.error(`Created API key "${summary.name}" (${summary.id}) with ${summary.scopes.join(", ")}.`);
  console.error("This is the only time the key is shown: store it in the other system now.");
  console.log(key);
}

async function list(): Promise<void> {
  const keys = await listApiKeys(db());
  if (keys.length === 0) console.error("No API keys yet.");
  for (const key of keys) console.log(describeKey(key));
}

/** A key by its id, or by the prefix lists show (with or without its trailing "…"). */
async function resolveKey(ref: string): Promise<string> {
  const wanted = ref.replace(/…$/, "");
  const matches = (await listApiKeys(db())).filter((key) => key.id === wanted || key.prefix === wanted);
  if (matches.length === 1) return (matches[0] as ApiKeySummary).id;
  throw new Error(matches.length === 0 ? `No API key has the id or prefix "${wanted}".` : `"${wanted}" names several keys: revoke by id.`);
}

async function revoke(args: string[]): Promise<void> {
  const [ref] = args;
  if (!ref || args.length > 1) throw new Error(USAGE);
  const result = await revokeApiKey(db(), await resolveKey(ref));
  if (!result.ok) throw new Error(result.reason === "already_revoked" ? "That key was already revoked." : "No such key.");
  console.error(`Revoked API key "${result.summary.name}" (${result.summary.id}); it stops working within seconds on every instance.`);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  await migrate({ url: databaseUrl() });
  switch (command) {
    case "create":
      return create(args);
    case "list":
      return list();
    case "revoke":
      return revoke(args);
    default:
      throw new Error(USAGE);
  }
}

runAdminCommand(main);
