/**
 * `npm run webhook -- add --url https://partner.example/hooks --event order.status [--event order.created]`
 * `npm run webhook -- list`
 * `npm run webhook -- remove <id>`
 * `npm run webhook -- enable <id>`   (an endpoint disabled after failing for a day, from where it stopped)
 *
 * Manages webhook endpoints (lib/integrations/webhooks). `add` prints the endpoint's signing
 * secret once, on its own line of standard output (everything else goes to standard error), for
 * the receiver's Standard Webhooks library. Owners can do the same on the staff pages.
 */
import { parseArgs } from "node:util";
import { migrate } from "@/lib/db/migrate";
import { databaseUrl } from "@/lib/db/url";
import { describeIssues } from "@/lib/http/responses";
import {
  WEBHOOK_EVENT_TYPES,
  addWebhookEndpoint,
  enableWebhookEndpoint,
  listWebhookEndpoints,
  removeWebhookEndpoint,
  webhookInputSchema,
  type WebhookSummary,
} from "@/lib/integrations/webhooks/endpoints";
import { runAdminCommand, whenText } from "./admin-command";

const USAGE = [
  "Usage:",
  `  npm run webhook -- add --url <url> --event <type> [--event <type>]   (types: ${WEBHOOK_EVENT_TYPES.join(", ")})`,
  "  npm run webhook -- list",
  "  npm run webhook -- remove <id>",
  "  npm run webhook -- enable <id>",
].join("\n");


function describeEndpoint(endpoint: WebhookSummary): string {
  const state = endpoint.disabledAt
    ? `DISABLED ${whenText(endpoint.disabledAt)}: ${endpoint.disabledReason ?? ""}`
    : endpoint.failures > 0
      ? `failing (${endpoint.failures} attempts since ${whenText(endpoint.failingSince)}), next ${whenText(endpoint.nextAttemptAt)}`
      : "ok";
  const last = endpoint.attempts[0];
  const lastText = last ? `last attempt ${whenText(last.at)}: ${last.statusCode ?? last.error} (event ${last.eventId})` : "no attempts yet";
  return `${endpoint.id}  ${endpoint.url}  [${endpoint.eventTypes.join(" ")}]  after event ${endpoint.cursor}  ${state}; ${lastText}`;
}

async function add(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { url: { type: "string" }, event: { type: "string", multiple: true } } });
  const parsed = webhookInputSchema.safeParse({
    url: values.url ?? "",
    eventTypes: (values.event ?? []).flatMap((type) => type.split(",")).map((type) => type.trim()),
  });
  if (!parsed.success) throw new Error(`${describeIssues(parsed.error)}\n${USAGE}`);
  const added = await addWebhookEndpoint(parsed.data, null);
  if (!added.ok) throw new Error(`url: ${added.problem}`);
  console.error(`Added webhook endpoint ${added.summary.id} for ${added.summary.eventTypes.join(", ")}; it gets events after ${added.summary.cursor}.`);
  console.error("Its signing secret, shown only now (give it to the receiver):");
  console.log(added.secret);
}

async function list(): Promise<void> {
  const endpoints = await listWebhookEndpoints();
  if (endpoints.length === 0) console.error("No webhook endpoints yet.");
  for (const endpoint of endpoints) console.log(describeEndpoint(endpoint));
}

async function byId(args: string[], act: (id: string) => Promise<unknown>, done: string): Promise<void> {
  const [id] = args;
  if (!id || args.length > 1) throw new Error(USAGE);
  if (!(await act(id))) throw new Error(`No webhook endpoint has the id "${id}".`);
  console.error(done);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  await migrate({ url: databaseUrl() });
  switch (command) {
    case "add":
      return add(args);
    case "list":
      return list();
    case "remove":
      return byId(args, removeWebhookEndpoint, "Removed the endpoint and its attempts.");
    case "enable":
      return byId(args, enableWebhookEndpoint, "Enabled: delivery resumes from where it stopped.");
    default:
      throw new Error(USAGE);
  }
}

runAdminCommand(main);
