"use client";

import { useId, useState } from "react";
import { SCOPES, SCOPE_DESCRIPTIONS } from "@/lib/auth/scopes";
import { CheckboxGroup } from "./CheckboxGroup";
import type { ApiKeyView } from "./integrations";
import { ERROR_TEXT, FIELD } from "./integration-styles";
import { OneTimeSecret } from "./OneTimeSecret";
import { SubmitButton } from "./SubmitButton";
import { useApiForm } from "./use-api-form";

/** Makes an API key, then shows the key this once. */
export function ApiKeyForm({ onCreated }: { onCreated: (apiKey: ApiKeyView) => void }) {
  const id = useId();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const { error, submitting, onSubmit } = useApiForm<{ key: string; apiKey: ApiKeyView }>(
    "/api/staff/api-keys",
    (data) => ({ name: String(data.get("name") ?? ""), scopes: data.getAll("scopes").map(String) }),
    ({ key, apiKey }) => {
      setCreated({ name: apiKey.name, key });
      onCreated(apiKey);
    },
  );

  return (
    <div>
      <form noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="space-y-4">
        <h3 id={`${id}-title`} className="font-semibold">
          New API key
        </h3>
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium">
            Name
          </label>
          <input
            id={`${id}-name`}
            name="name"
            type="text"
            autoComplete="off"
            maxLength={60}
            placeholder="Till 2"
            aria-describedby={`${id}-name-hint${error ? ` ${id}-error` : ""}`}
            className={FIELD}
          />
          <p id={`${id}-name-hint`} className="mt-1 text-sm text-stone-600 dark:text-stone-400">
            What uses the key; the board shows it on the orders it places.
          </p>
        </div>
        <CheckboxGroup legend="Scopes" name="scopes" options={SCOPES} hints={SCOPE_DESCRIPTIONS} />
        {error && (
          <p id={`${id}-error`} role="alert" data-testid="api-key-error" className={ERROR_TEXT}>
            {error}
          </p>
        )}
        <SubmitButton submitting={submitting} className="sm:w-auto">
          Create key
        </SubmitButton>
      </form>
      {created && (
        <OneTimeSecret label={`The new key for ${created.name}`} value={created.key} testId="new-api-key" onDone={() => setCreated(null)} />
      )}
    </div>
  );
}
