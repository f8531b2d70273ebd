"use client";

import { useState } from "react";
import { ConfirmButton } from "./ConfirmButton";
import { callApi } from "./integrations-api";
import { webhookState, type WebhookView } from "./integrations";
import { ERROR_TEXT, MUTED, SECONDARY_BUTTON } from "./integration-styles";
import { LocalTime } from "./LocalTime";
import { WebhookAttempts } from "./WebhookAttempts";

type Change = "removed" | "enabled";

/** The shop's webhook endpoints: each one's state, latest attempts, and what an owner can do with it. */
export function WebhookList({ webhooks, onChanged }: { webhooks: WebhookView[]; onChanged: (webhook: WebhookView, change: Change) => void }) {
  if (webhooks.length === 0) return <p className={`mt-2 ${MUTED}`}>No webhook endpoints yet.</p>;
  return (
    <ul className="mt-3 flex flex-col gap-3">
      {webhooks.map((webhook) => (
        <WebhookItem key={webhook.id} webhook={webhook} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function WebhookItem({ webhook, onChanged }: { webhook: WebhookView; onChanged: (webhook: WebhookView, change: Change) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = webhookState(webhook);

  async function act(method: "POST" | "DELETE", path: string, change: Change) {
    setBusy(true);
    setError(null);
    const result = await callApi(method, `/api/staff/webhooks/${encodeURIComponent(webhook.id)}${path}`);
    setBusy(false);
    if (result.ok) onChanged(webhook, change);
    else setError(result.message);
  }

  return (
    <li data-testid="webhook" data-state={state.kind} className="space-y-3 rounded-2xl border border-stone-200 p-4 dark:border-stone-800">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1.5">
          <p className="font-mono text-sm font-semibold break-all">{webhook.url}</p>
          <ul aria-label="Event types" className="flex flex-wrap gap-1.5">
            {webhook.eventTypes.map((type) => (
              <li key={type} className="rounded-full border border-stone-300 px-2 py-0.5 font-mono text-xs text-stone-700 dark:border-stone-700 dark:text-stone-300">
                {type}
              </li>
            ))}
          </ul>
          <p className={MUTED}>
            Added <LocalTime iso={webhook.createdAt} withDate />
            {webhook.createdBy ? ` by ${webhook.createdBy}` : ""}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          {state.kind === "disabled" && (
            <button type="button" disabled={busy} onClick={() => act("POST", "/enable", "enabled")} className={SECONDARY_BUTTON}>
              Enable again
            </button>
          )}
          <ConfirmButton
            label="Remove"
            accessibleLabel={`Remove ${webhook.url}`}
            question="Remove this endpoint? It receives nothing more, and its attempts are deleted."
            confirmLabel="Remove endpoint"
            busy={busy}
            onConfirm={() => act("DELETE", "", "removed")}
          />
        </div>
      </div>
      <WebhookStateLine webhook={webhook} />
      {error && (
        <p role="alert" className={ERROR_TEXT}>
          {error}
        </p>
      )}
      <WebhookAttempts attempts={webhook.attempts} url={webhook.url} />
    </li>
  );
}

function WebhookStateLine({ webhook }: { webhook: WebhookView }) {
  const state = webhookState(webhook);
  if (state.kind === "ok") {
    return (
      <p data-testid="webhook-state" className="text-sm font-medium text-status-delivered">
        Delivering
      </p>
    );
  }
  if (state.kind === "failing") {
    return (
      <p data-testid="webhook-state" className="rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/60 dark:text-amber-100">
        Failing since <LocalTime iso={state.since} withDate /> ({state.failures} {state.failures === 1 ? "failure" : "failures"})
        {state.nextAttemptAt && (
          <>
            ; next attempt at <LocalTime iso={state.nextAttemptAt} />
          </>
        )}
        .
      </p>
    );
  }
  return (
    <p data-testid="webhook-state" className={`${ERROR_TEXT} break-words`}>
      Disabled <LocalTime iso={state.at} withDate />: {state.reason}
    </p>
  );
}
