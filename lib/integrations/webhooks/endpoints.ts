/**
 * Webhook endpoints as owners manage them (`npm run webhook`, the staff integrations page): a URL,
 * the event types it wants, and a signing secret made here. The secret is shown once, when the
 * endpoint is added, as Standard Webhooks' `whsec_` + base64 of 32 random bytes; the database
 * keeps it sealed (lib/auth/sealed.ts), since the server must read it back to sign.
 *
 * A new endpoint's cursor is the newest event in the log: it receives what happens from then on.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sealValue } from "@/lib/auth/sealed";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/orders/codes";
import { latestEventId } from "@/lib/orders/event-log/log";
import type { OrderEventType } from "@/lib/orders/types";
import { WEBHOOK_EVENT_TYPES } from "./event-types";
import { resolvedProblem, urlProblem } from "./target-guard";

export { WEBHOOK_EVENT_TYPES };

/** How many recent attempts an endpoint keeps for staff to read. */
export const KEPT_ATTEMPTS = 20;

export const webhookInputSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2048, "must be at most 2048 characters")
    .superRefine((url, context) => {
      const problem = urlProblem(url);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, "an endpoint needs at least one event type")
    .refine((types) => new Set(types).size === types.length, "must name each event type once"),
});

export type WebhookInput = z.infer<typeof webhookInputSchema>;

export interface WebhookAttemptSummary {
  eventId: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookSummary {
  id: string;
  url: string;
  eventTypes: OrderEventType[];
  createdAt: Date;
  createdBy: string | null;
  /** The newest event delivered or passed over. */
  cursor: number;
  failures: number;
  failingSince: Date | null;
  nextAttemptAt: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  /** The newest first. */
  attempts: WebhookAttemptSummary[];
}

export function parseEventTypes(stored: string): OrderEventType[] {
  const words = new Set(stored.split(" "));
  return WEBHOOK_EVENT_TYPES.filter((type) => words.has(type));
}

const summaryInclude = {
  createdBy: { select: { name: true } },
  attempts: {
    orderBy: { id: "desc" },
    take: KEPT_ATTEMPTS,
    select: { eventId: true, at: true, statusCode: true, error: true, durationMs: true },
  },
} as const;

type SummaryRow = Awaited<ReturnType<typeof findSummaryRows>>[number];

function findSummaryRows(where: { id?: string } = {}) {
  return db().webhookEndpoint.findMany({ where, include: summaryInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

function toSummary(row: SummaryRow): WebhookSummary {
  return {
    id: row.id,
    url: row.url,
    eventTypes: parseEventTypes(row.eventTypes),
    createdAt: row.createdAt,
    createdBy: row.createdBy?.name ?? null,
    cursor: row.cursor,
    failures: row.failures,
    failingSince: row.failingSince,
    nextAttemptAt: row.nextAttemptAt,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    attempts: row.attempts,
  };
}

export type AddResult = { ok: true; secret: string; summary: WebhookSummary } | { ok: false; problem: string };

/** Adds an endpoint, once its host resolves to addresses the guard allows. */
export async function addWebhookEndpoint(input: WebhookInput, createdById: string | null): Promise<AddResult> {
  const problem = await resolvedProblem(input.url);
  if (problem) return { ok: false, problem };
  const secret = `whsec_${randomBytes(32).toString("base64")}`;
  const id = newId();
  await db().webhookEndpoint.create({
    data: {
      id,
      url: input.url,
      eventTypes: WEBHOOK_EVENT_TYPES.filter((type) => input.eventTypes.includes(type)).join(" "),
      sealedSecret: await sealValue({ secret }),
      createdById,
      cursor: await latestEventId(db()),
    },
  });
  const [row] = await findSummaryRows({ id });
  if (!row) throw new Error("an endpoint just added is gone");
  return { ok: true, secret, summary: toSummary(row) };
}

export async function listWebhookEndpoints(): Promise<WebhookSummary[]> {
  return (await findSummaryRows()).map(toSummary);
}

/** Removes an endpoint and its attempts; false when there was none. */
export async function removeWebhookEndpoint(id: string): Promise<boolean> {
  const { count } = await db().webhookEndpoint.deleteMany({ where: { id } });
  return count > 0;
}

/** Delivers to a disabled endpoint again, from where it stopped; null when there is none. */
export async function enableWebhookEndpoint(id: string): Promise<WebhookSummary | null> {
  const { count } = await db().webhookEndpoint.updateMany({
    where: { id },
    data: { disabledAt: null, disabledReason: null, failures: 0, failingSince: null, nextAttemptAt: null },
  });
  if (count === 0) return null;
  const [row] = await findSummaryRows({ id });
  return row ? toSummary(row) : null;
}
