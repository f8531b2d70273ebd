"use client";

import { useId, useState } from "react";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "@/lib/integrations/webhooks/event-types";
import { CheckboxGroup } from "./CheckboxGroup";
import type { WebhookView } from "./integrations";
import { ERROR_TEXT, FIELD } from "./integration-styles";
import { OneTimeSecret } from "./OneTimeSecret";
import { SubmitButton } from "./SubmitButton";
import { useApiForm } from "./use-api-form";

/** Adds a webhook endpoint, then shows its signing secret this once. */
export function WebhookForm({ onAdded }: { onAdded: (webhook: WebhookView) => void }) {
  const id = useId();
  const [secret, setSecret] = useState<string | null>(null);
  const { error, submitting, onSubmit } = useApiForm<{ secret: string; webhook: WebhookView }>(
    "/api/staff/webhooks",
    (data) => ({ url: String(data.get("url") ?? ""), eventTypes: data.getAll("eventTypes").map(String) }),
    (answer) => {
      setSecret(answer.secret);
      onAdded(answer.webhook);
    },
  );

  return (
    <div>
      <form noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="space-y-4">
        <h3 id={`${id}-title`} className="font-semibold">
          New endpoint
        </h3>
        <div>
          <label htmlFor={`${id}-url`} className="block text-sm font-medium">
            URL
          </label>
          <input
            id={`${id}-url`}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={2048}
            placeholder="https://example.com/hooks/tracker"
            aria-describedby={`${id}-url-hint${error ? ` ${id}-error` : ""}`}
            className={FIELD}
          />
          <p id={`${id}-url-hint`} className="mt-1 text-sm text-stone-600 dark:text-stone-400">
            Tracker POSTs each event there, signed with the endpoint&apos;s secret (Standard Webhooks).
          </p>
        </div>
        <CheckboxGroup legend="Events" name="eventTypes" options={WEBHOOK_EVENT_TYPES} hints={WEBHOOK_EVENT_DESCRIPTIONS} />
        {error && (
          <p id={`${id}-error`} role="alert" data-testid="webhook-error" className={ERROR_TEXT}>
            {error}
          </p>
        )}
        <SubmitButton submitting={submitting} className="sm:w-auto">
          Add endpoint
        </SubmitButton>
      </form>
      {secret && <OneTimeSecret label="The new endpoint's signing secret" value={secret} testId="new-webhook-secret" onDone={() => setSecret(null)} />}
    </div>
  );
}
