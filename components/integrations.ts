/**
 * The integrations page's data as the browser holds it: the API's summaries after JSON (dates as
 * ISO strings), and how a webhook endpoint's state and attempts read to an owner.
 */
import type { ApiKeySummary } from "@/lib/auth/api-keys";
import type { WebhookAttemptSummary, WebhookSummary } from "@/lib/integrations/webhooks/endpoints";

/** A value as JSON carries it: dates become ISO strings, everything else stays. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;

export type ApiKeyView = Jsonified<ApiKeySummary>;
export type WebhookView = Jsonified<WebhookSummary>;
export type WebhookAttemptView = Jsonified<WebhookAttemptSummary>;

/**
 * What the server component hands the page: exactly what GET /api/staff/api-keys and
 * /api/staff/webhooks answer, so the first render and every refresh read the same shape.
 */
export function jsonified<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}

export type WebhookState =
  | { kind: "ok" }
  | { kind: "failing"; since: string; failures: number; nextAttemptAt: string | null }
  | { kind: "disabled"; at: string; reason: string };

/** Disabled wins over failing: a disabled endpoint keeps the failure fields it was disabled with. */
export function webhookState(webhook: Pick<WebhookView, "failures" | "failingSince" | "nextAttemptAt" | "disabledAt" | "disabledReason">): WebhookState {
  if (webhook.disabledAt !== null) {
    return { kind: "disabled", at: webhook.disabledAt, reason: webhook.disabledReason ?? "Disabled (no reason was recorded)." };
  }
  if (webhook.failingSince !== null) {
    return { kind: "failing", since: webhook.failingSince, failures: webhook.failures, nextAttemptAt: webhook.nextAttemptAt };
  }
  return { kind: "ok" };
}

/** An attempt's result in a few words: the receiver's HTTP status, or why there was none. */
export function attemptOutcome(attempt: Pick<WebhookAttemptView, "statusCode" | "error">): { delivered: boolean; text: string } {
  if (attempt.statusCode !== null) {
    const delivered = attempt.statusCode >= 200 && attempt.statusCode < 300;
    return { delivered, text: attempt.error ? `HTTP ${attempt.statusCode}: ${attempt.error}` : `HTTP ${attempt.statusCode}` };
  }
  return { delivered: false, text: attempt.error ?? "No answer" };
}

/** A duration as staff read it: milliseconds under a second, else seconds with one decimal. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
