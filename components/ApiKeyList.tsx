"use client";

import { useState } from "react";
import { ConfirmButton } from "./ConfirmButton";
import { callApi } from "./integrations-api";
import type { ApiKeyView } from "./integrations";
import { ERROR_TEXT, MUTED } from "./integration-styles";
import { LocalTime } from "./LocalTime";

/** The shop's API keys, revoked ones too, each with a revoke that asks first. */
export function ApiKeyList({ apiKeys, onRevoked }: { apiKeys: ApiKeyView[]; onRevoked: (apiKey: ApiKeyView) => void }) {
  if (apiKeys.length === 0) return <p className={`mt-2 ${MUTED}`}>No API keys yet.</p>;
  return (
    <ul className="mt-3 divide-y divide-stone-200 rounded-2xl border border-stone-200 dark:divide-stone-800 dark:border-stone-800">
      {apiKeys.map((apiKey) => (
        <ApiKeyItem key={apiKey.id} apiKey={apiKey} onRevoked={onRevoked} />
      ))}
    </ul>
  );
}

function ApiKeyItem({ apiKey, onRevoked }: { apiKey: ApiKeyView; onRevoked: (apiKey: ApiKeyView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoked = apiKey.revokedAt !== null;

  async function revoke() {
    setBusy(true);
    setError(null);
    const result = await callApi("DELETE", `/api/staff/api-keys/${encodeURIComponent(apiKey.id)}`);
    setBusy(false);
    if (result.ok) onRevoked(apiKey);
    else setError(result.message);
  }

  return (
    <li data-testid="api-key" data-revoked={revoked || undefined} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-1.5">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className={`font-semibold break-words ${revoked ? "text-stone-600 line-through dark:text-stone-400" : ""}`}>{apiKey.name}</span>
          <code className="rounded-md bg-stone-100 px-1.5 py-0.5 font-mono text-sm break-all dark:bg-stone-800">{apiKey.prefix}…</code>
          {revoked && (
            <span className="rounded-full bg-stone-200 px-2 py-0.5 text-xs font-semibold text-stone-800 dark:bg-stone-700 dark:text-stone-100">
              Revoked
            </span>
          )}
        </p>
        <ul aria-label={`Scopes of ${apiKey.name}`} className="flex flex-wrap gap-1.5">
          {apiKey.scopes.map((scope) => (
            <li key={scope} className="rounded-full border border-stone-300 px-2 py-0.5 font-mono text-xs text-stone-700 dark:border-stone-700 dark:text-stone-300">
              {scope}
            </li>
          ))}
        </ul>
        <p className={MUTED}>
          Created <LocalTime iso={apiKey.createdAt} withDate />
          {apiKey.createdBy ? ` by ${apiKey.createdBy}` : ""} · last used{" "}
          {apiKey.lastUsedAt ? <LocalTime iso={apiKey.lastUsedAt} withDate /> : "never"}
          {apiKey.revokedAt && (
            <>
              {" "}
              · revoked <LocalTime iso={apiKey.revokedAt} withDate />
            </>
          )}
        </p>
        {error && (
          <p role="alert" className={ERROR_TEXT}>
            {error}
          </p>
        )}
      </div>
      {!revoked && (
        <ConfirmButton
          label="Revoke"
          accessibleLabel={`Revoke ${apiKey.name}`}
          question={`Revoke ${apiKey.name}? Anything using it is refused from then on.`}
          confirmLabel="Revoke key"
          busy={busy}
          onConfirm={revoke}
        />
      )}
    </li>
  );
}
