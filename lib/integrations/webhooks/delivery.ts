/**
 * Delivery to one endpoint, driven by its cursor into the event log (docs/architecture.md,
 * "Webhooks"). Each call takes the endpoint's lease, so one instance at a time delivers to it,
 * then sends the matching events after the cursor one by one, in log order, advancing the cursor
 * in the database after each 2xx. So:
 *
 * - nothing is lost: an event leaves the cursor's reach only once the receiver took it, and a
 *   crash or restart resumes from the stored cursor (at least once: an event whose 2xx was not yet
 *   recorded is sent again, with the same `webhook-id`);
 * - order holds per endpoint: a failing event blocks the ones after it until it goes through, or
 *   until the endpoint is disabled after TRACKER_WEBHOOK_GIVE_UP_HOURS (24) of failures;
 * - failures back off exponentially with jitter, and the lease is released while waiting.
 *
 * Events of types the endpoint did not ask for are passed over (the cursor moves past them).
 */
import "server-only";
import { sealValue, unsealValue } from "@/lib/auth/sealed";
import { db } from "@/lib/db/client";
import type { EventLog, LoggedEvent } from "@/lib/orders/event-log/log";
import { KEPT_ATTEMPTS, parseEventTypes } from "./endpoints";
import { sendWebhook, type Attempt, type WebhookMessage } from "./send";

export interface RetryPolicy {
  /** The wait after the first failure; each further one doubles it, up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** An endpoint failing this long without a success is disabled. */
  giveUpMs: number;
}

export interface DeliveryOptions {
  /** This instance's name in the lease. */
  owner: string;
  log: EventLog;
  timeoutMs: number;
  /** How long a lease holds without being renewed (each delivery renews it). */
  leaseMs: number;
  retry: RetryPolicy;
  /** Events read from the log at a time. */
  batch: number;
  random?: () => number;
  /** Aborted when the dispatcher stops: an attempt under way is dropped, not counted as a failure. */
  signal?: AbortSignal;
}

export type DeliveryOutcome =
  /** Every event up to the end of the log is delivered or passed over. */
  | "caught_up"
  /** An attempt failed; the next is due at `nextAttemptAt`. */
  | "waiting"
  | "disabled"
  /** Another instance holds the lease, the endpoint is not due, or it is gone. */
  | "not_taken";

/** The wait before attempt `failures + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function retryDelayMs(failures: number, retry: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(retry.baseMs * 2 ** Math.max(0, failures - 1), retry.maxMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The message an event becomes: the staff payload, which names the order's items and customer. */
export function webhookMessage(event: LoggedEvent): WebhookMessage {
  return { id: `evt_${event.id}`, payload: JSON.stringify({ type: event.type, timestamp: event.staff.at, data: event.staff }) };
}

async function takeLease(endpointId: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db().webhookEndpoint.updateMany({
    where: {
      id: endpointId,
      disabledAt: null,
      OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
      AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

async function recordAttempt(endpointId: string, eventId: number, attempt: Attempt): Promise<void> {
  await db().webhookAttempt.create({
    data: { endpointId, eventId, statusCode: attempt.statusCode, error: attempt.error?.slice(0, 500) ?? null, durationMs: attempt.durationMs },
  });
  const oldestKept = await db().webhookAttempt.findFirst({
    where: { endpointId },
    orderBy: { id: "desc" },
    skip: KEPT_ATTEMPTS - 1,
    select: { id: true },
  });
  if (oldestKept) await db().webhookAttempt.deleteMany({ where: { endpointId, id: { lt: oldestKept.id } } });
}

function describeFailure(attempt: Attempt): string {
  return attempt.statusCode === null ? (attempt.error ?? "no answer") : `HTTP ${attempt.statusCode}`;
}

/**
 * The endpoint's secret; one sealed with the previous session secret is sealed again with the
 * current one. Null when no configured session secret opens it (TRACKER_SESSION_SECRET changed
 * without keeping the old one as TRACKER_SESSION_SECRET_PREVIOUS).
 */
async function signingSecret(endpointId: string, sealed: string): Promise<string | null> {
  try {
    const { value, stale } = await unsealValue<{ secret: string }>(sealed);
    if (stale) await db().webhookEndpoint.update({ where: { id: endpointId }, data: { sealedSecret: await sealValue(value) } });
    return value.secret;
  } catch {
    return null;
  }
}

const UNREADABLE_SECRET =
  "Its signing secret cannot be opened: TRACKER_SESSION_SECRET changed without the old one in TRACKER_SESSION_SECRET_PREVIOUS. " +
  "Restore it and enable the endpoint, or remove the endpoint and add it again (a new secret for the receiver).";

/** Delivers what is due to one endpoint, if this instance can take its lease. */
export async function deliverDue(endpointId: string, options: DeliveryOptions): Promise<DeliveryOutcome> {
  const { owner } = options;
  if (!(await takeLease(endpointId, owner, options.leaseMs))) return "not_taken";
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) return "not_taken";
  const mine = { id: endpointId, leaseOwner: owner };
  const wanted = new Set<string>(parseEventTypes(endpoint.eventTypes));
  const secret = await signingSecret(endpointId, endpoint.sealedSecret);
  if (secret === null) {
    // Nothing can be signed until an owner acts: say so where staff look, instead of failing each second.
    await db().webhookEndpoint.updateMany({ where: mine, data: { disabledAt: new Date(), disabledReason: UNREADABLE_SECRET, leaseUntil: null } });
    return "disabled";
  }
  let cursor = endpoint.cursor;
  for (;;) {
    const events = await options.log.readEventsAfter(cursor, options.batch);
    if (events.length === 0) {
      await db().webhookEndpoint.updateMany({ where: mine, data: { cursor, leaseUntil: null } });
      return "caught_up";
    }
    for (const event of events) {
      if (!wanted.has(event.type)) {
        cursor = event.id;
        continue;
      }
      const attempt = await sendWebhook(endpoint.url, secret, webhookMessage(event), options.timeoutMs, options.signal);
      // Stopping: the cursor stays before this event, so it is sent again after the restart (the
      // lease is this instance's name, so the restarted process takes it back at once).
      if (options.signal?.aborted) return "not_taken";
      await recordAttempt(endpointId, event.id, attempt);
      if (attempt.ok) {
        cursor = event.id;
        const { count } = await db().webhookEndpoint.updateMany({
          where: mine,
          data: { cursor, failures: 0, failingSince: null, nextAttemptAt: null, leaseUntil: new Date(Date.now() + options.leaseMs) },
        });
        // The lease ran out during the send and another instance has the endpoint now: it goes
        // on from the stored cursor (at worst this event is delivered twice, same webhook-id).
        if (count === 0) return "not_taken";
        continue;
      }
      const now = Date.now();
      const failures = endpoint.failures + 1;
      const failingSince = endpoint.failingSince ?? new Date(now);
      const givingUp = now - failingSince.getTime() >= options.retry.giveUpMs;
      await db().webhookEndpoint.updateMany({
        where: mine,
        data: {
          cursor,
          failures,
          failingSince,
          leaseUntil: null,
          ...(givingUp
            ? {
                nextAttemptAt: null,
                disabledAt: new Date(now),
                disabledReason: `Disabled after failing since ${failingSince.toISOString()}; the last attempt (event ${event.id}) got ${describeFailure(attempt)}.`,
              }
            : { nextAttemptAt: new Date(now + retryDelayMs(failures, options.retry, options.random)) }),
        },
      });
      return givingUp ? "disabled" : "waiting";
    }
  }
}
