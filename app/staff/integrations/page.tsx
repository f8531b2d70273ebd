import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { IntegrationsPanel } from "@/components/IntegrationsPanel";
import { jsonified } from "@/components/integrations";
import { listApiKeys } from "@/lib/auth/api-keys";
import { getStaffFromCookies } from "@/lib/auth/page-session";
import { db } from "@/lib/db/client";
import { listWebhookEndpoints } from "@/lib/integrations/webhooks/endpoints";

// Reads the session cookie and the keys and endpoints as they are now: never prerendered or cached.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "API keys and webhooks",
  robots: { index: false, follow: false },
};

export default async function IntegrationsPage() {
  const staff = await getStaffFromCookies();
  if (!staff) redirect("/staff/login");
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6">
      <BackToBoard />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">API keys and webhooks</h1>
      {staff.role === "owner" ? <OwnerPanel /> : <OwnersOnly />}
    </div>
  );
}

async function OwnerPanel() {
  const [apiKeys, webhooks] = await Promise.all([listApiKeys(db()), listWebhookEndpoints()]);
  return <IntegrationsPanel initialApiKeys={jsonified(apiKeys)} initialWebhooks={jsonified(webhooks)} />;
}

function OwnersOnly() {
  return (
    <div data-testid="owner-only" className="mt-6 max-w-xl rounded-3xl border border-stone-200 bg-white p-6 shadow-sm dark:border-stone-800 dark:bg-stone-900">
      <p className="font-semibold">Only an owner can manage API keys and webhooks.</p>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
        Ask the shop&apos;s owner if a till or another system needs a key, or an endpoint needs changing.
      </p>
      <Link
        href="/staff"
        className="mt-4 inline-flex rounded-full bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-800"
      >
        Go to the board
      </Link>
    </div>
  );
}

function BackToBoard() {
  return (
    <Link
      href="/staff"
      className="inline-flex items-center gap-1 rounded-full text-sm font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
    >
      <span aria-hidden="true">←</span> Back to the board
    </Link>
  );
}
