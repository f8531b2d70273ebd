/**
 * `POST /api/orders`: a till or web shop with an API key (`orders:create`, optionally an
 * `Idempotency-Key` and its own `externalId`), a signed-in staff member, or, where anonymous
 * ordering is on, anyone, limited per address and in total. The cross-site check is the edge's.
 */
import "server-only";
import { anonymousOrderGate } from "@/lib/auth/anonymous-orders";
import { anonymousOrdersAllowed } from "@/lib/auth/deployment";
import { hasScope, identifyCaller, missingScope } from "@/lib/auth/request";
import { parseJsonBody } from "@/lib/http/body";
import { clientAddress } from "@/lib/http/client-address";
import { publicBaseUrl } from "@/lib/http/request-origin";
import { errorResponse } from "@/lib/http/responses";
import { IDEMPOTENCY_KEY_PATTERN, takeOrder } from "@/lib/integrations/order-intake";
import { createOrderSchema } from "@/lib/orders/input";

export async function POST(request: Request): Promise<Response> {
  const caller = await identifyCaller(request);
  if (!caller.ok) return caller.response;
  const { principal } = caller;
  if (principal === null) {
    // Refused before the body is read: a flood costs as little as possible.
    if (!anonymousOrdersAllowed()) {
      return errorResponse(401, "unauthorized", "Orders here come from the shop's own systems: send an API key as Authorization: Bearer <key>.");
    }
    const gate = await anonymousOrderGate().admit(clientAddress(request));
    if (!gate.allowed) {
      return errorResponse(429, "too_many_requests", "Too many orders from here; try again later.", {}, { "Retry-After": String(gate.retryAfterSeconds) });
    }
  } else if (!hasScope(principal, "orders:create")) {
    return missingScope("orders:create");
  }
  const key = principal?.kind === "api_key" ? principal.key : null;
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey !== null && !key) {
    return errorResponse(400, "invalid_request", "Idempotency-Key is kept per API key: send one as Authorization: Bearer <key>.");
  }
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    return errorResponse(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.");
  }
  const body = await parseJsonBody(request, createOrderSchema);
  if (!body.ok) return body.response;
  if (body.data.externalId !== undefined && !key) {
    return errorResponse(400, "invalid_body", "externalId: is unique per API key, so it needs one (Authorization: Bearer <key>).");
  }
  const result = await takeOrder({
    input: body.data,
    key,
    actor: principal?.actor ?? null,
    idempotencyKey,
    // The address the customer used (or TRACKER_PUBLIC_URL), so the link works where they are.
    trackingBase: publicBaseUrl(request),
  });
  switch (result.kind) {
    case "placed":
      return Response.json(result.body, {
        status: result.status,
        headers: { Location: result.body.trackingUrl, ...(result.replayed ? { "Idempotent-Replayed": "true" } : {}) },
      });
    case "idempotency_key_reused":
      return errorResponse(422, "idempotency_key_reused", "This Idempotency-Key was used with another request body in the last 24 hours.");
    case "duplicate_external_id":
      return errorResponse(409, "duplicate_external_id", `This key already placed an order with externalId ${JSON.stringify(result.externalId)}.`);
  }
}
