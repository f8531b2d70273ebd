"use client";

import { useState } from "react";
import { ApiKeyForm } from "./ApiKeyForm";
import { ApiKeyList } from "./ApiKeyList";
import { callApi } from "./integrations-api";
import type { ApiKeyView, WebhookView } from "./integrations";
import { CARD, MUTED } from "./integration-styles";
import { WebhookForm } from "./WebhookForm";
import { WebhookList } from "./WebhookList";

/**
 * The owner's API keys and webhook endpoints. After every change both lists are read again from
 * the server, so the page shows what the server holds (another owner's changes included).
 */
export function IntegrationsPanel({ initialApiKeys, initialWebhooks }: { initialApiKeys: ApiKeyView[]; initialWebhooks: WebhookView[] }) {
  const [apiKeys, setApiKeys] = useState(initialApiKeys);
  const [webhooks, setWebhooks] = useState(initialWebhooks);
  const [announcement, setAnnouncement] = useState("");

  async function refresh(done: string) {
    const [keys, hooks] = await Promise.all([
      callApi<{ apiKeys: ApiKeyView[] }>("GET", "/api/staff/api-keys"),
      callApi<{ webhooks: WebhookView[] }>("GET", "/api/staff/webhooks"),
    ]);
    if (keys.ok) setApiKeys(keys.body.apiKeys);
    if (hooks.ok) setWebhooks(hooks.body.webhooks);
    const failed = [keys, hooks].find((result) => !result.ok);
    setAnnouncement(failed && !failed.ok ? `${done} The lists could not be refreshed: ${failed.message}` : done);
  }

  return (
    <div className="mt-6 flex flex-col gap-6">
      <section aria-labelledby="api-keys-heading" className={CARD}>
        <h2 id="api-keys-heading" className="text-xl font-bold tracking-tight">
          API keys
        </h2>
        <p className={`mt-1 ${MUTED}`}>
          A till, a web shop or a delivery partner calls the API with a key of its own, sent as{" "}
          <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
        </p>
        <div className="mt-5 grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
          <ApiKeyForm onCreated={(apiKey) => void refresh(`Key ${apiKey.name} created. Copy it now: it will not be shown again.`)} />
          <div className="min-w-0">
            <h3 className="font-semibold">Keys</h3>
            <ApiKeyList apiKeys={apiKeys} onRevoked={(apiKey) => void refresh(`Key ${apiKey.name} revoked.`)} />
          </div>
        </div>
      </section>

      <section aria-labelledby="webhooks-heading" className={CARD}>
        <h2 id="webhooks-heading" className="text-xl font-bold tracking-tight">
          Webhooks
        </h2>
        <p className={`mt-1 ${MUTED}`}>
          Tracker sends the events you choose to your own systems as they happen, retrying while an endpoint fails and
          disabling it after a day of failures.
        </p>
        <div className="mt-5 grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
          <WebhookForm onAdded={(webhook) => void refresh(`Endpoint ${webhook.url} added. Copy its secret now: it will not be shown again.`)} />
          <div className="min-w-0">
            <h3 className="font-semibold">Endpoints</h3>
            <WebhookList
              webhooks={webhooks}
              onChanged={(webhook, change) =>
                void refresh(change === "removed" ? `Endpoint ${webhook.url} removed.` : `Endpoint ${webhook.url} enabled again.`)
              }
            />
          </div>
        </div>
      </section>

      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="integrations-announcer">
        {announcement}
      </div>
    </div>
  );
}
