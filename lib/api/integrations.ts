/**
 * The owner's integration endpoints (lib/auth/request.ts `requireOwner`: 401 without a session,
 * 403 `owner_only` for staff and for API keys), behind the staff integrations page and for
 * scripts: API keys and webhook endpoints. The cross-site check is the edge's.
 *
 *   GET    /api/staff/api-keys                 { apiKeys }
 *   POST   /api/staff/api-keys                 { name, scopes } → 201 { key, apiKey } (the key, this once)
 *   DELETE /api/staff/api-keys/{id}            204 (revoked, or already); 404
 *   GET    /api/staff/webhooks                 { webhooks } (each with its latest attempts)
 *   POST   /api/staff/webhooks                 { url, eventTypes } → 201 { secret, webhook } (the secret, this once); 400
 *   DELETE /api/staff/webhooks/{id}            204; 404
 *   POST   /api/staff/webhooks/{id}/enable     200 { webhook }; 404
 */
import "server-only";
import { apiKeyInputSchema, createApiKey, listApiKeys, revokeApiKey } from "@/lib/auth/api-keys";
import { requireOwner } from "@/lib/auth/request";
import { db } from "@/lib/db/client";
import { parseJsonBody } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/responses";
import {
  addWebhookEndpoint,
  enableWebhookEndpoint,
  listWebhookEndpoints,
  removeWebhookEndpoint,
  webhookInputSchema,
} from "@/lib/integrations/webhooks/endpoints";
import type { RouteContext } from "./route-context";

const noStore = { "Cache-Control": "no-store" };

const notFound = (what: string) => errorResponse(404, "not_found", `No ${what} has this id.`);

export async function listKeys(request: Request): Promise<Response> {
  const owner = await requireOwner(request);
  if (!owner.ok) return owner.response;
  return Response.json({ apiKeys: await listApiKeys(db()) }, { headers: noStore });
}

export async function createKey(request: Request): Promise<Response> {
  const owner = await requireOwner(request);
  if (!owner.ok) return owner.response;
  const body = await parseJsonBody(request, apiKeyInputSchema);
  if (!body.ok) return body.response;
  const { key, summary } = await createApiKey(db(), body.data, owner.staff.id);
  return Response.json({ key, apiKey: summary }, { status: 201, headers: noStore });
}

export async function revokeKey(request: Request, context: RouteContext<{ id: string }>): Promise<Response> {
  const owner = await requireOwner(request);
  if (!owner.ok) return owner.response;
  const result = await revokeApiKey(db(), (await context.params).id);
  if (!result.ok && result.reason === "not_found") return notFound("API key");
  return new Response(null, { status: 204 });
}

export async function listWebhooks(request: Request): Promise<Response> {
  const owner = await requireOwner(request);
  if (!owner.ok) return owner.response;
  return Response.json({ webhooks: await listWebhookEndpoints() }, { headers: noStore });
}

export async function addWebhook(request: Request): Promise<Response> {
  const owner = await requireOwner(request);
  if (!owner.ok) return owner.response;
  const body = await parseJsonBody(request, webhookInputSchema);
  if (!body.ok) return body.response;
  const added = await addWebhookEndpoint(body.data, owner.staff.id);
  if (!added.ok) return errorResponse(400, "invalid_body", `url: ${added.problem}`);
  return Response.json({ secret: added.secret, webhook: added.summary }, { status: 201, headers: noStore });
}

export async function removeWebhook(request: Request, context: RouteContext<{ id: string }>): Promise<Response> {
  const owner = await requireOwner(request);
  if (!owner.ok) return owner.response;
  if (!(await removeWebhookEndpoint((await context.params).id))) return notFound("webhook endpoint");
  return new Response(null, { status: 204 });
}

export async function enableWebhook(request: Request, context: RouteContext<{ id: string }>): Promise<Response> {
  const owner = await requireOwner(request);
  if (!owner.ok) return owner.response;
  const webhook = await enableWebhookEndpoint((await context.params).id);
  if (!webhook) return notFound("webhook endpoint");
  return Response.json({ webhook }, { headers: noStore });
}
