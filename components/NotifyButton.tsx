"use client";

import { useState } from "react";
import { useNotifyOptIn } from "@/lib/hooks/use-attention";

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" className="size-4" aria-hidden="true">
      <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </svg>
  );
}

/**
 * Opt-in for a system notification when the order moves on while the tab is in the background.
 * Rendered only where the browser can show one from a page; asks for permission on the click.
 */
export function NotifyButton({ orderId }: { orderId: string }) {
  const { state, enable, disable } = useNotifyOptIn(orderId);
  const [asking, setAsking] = useState(false);

  if (state === "unavailable") return null;
  const on = state === "on";

  return (
    <div className="mt-5 flex flex-col gap-2 border-t border-stone-200 pt-4 sm:flex-row sm:items-center sm:gap-4 dark:border-stone-800">
      {state === "blocked" ? (
        <p data-testid="notify-blocked" className="text-sm text-stone-600 dark:text-stone-300">
          Notifications are blocked for this site in your browser settings.
        </p>
      ) : (
        <>
          <button
            type="button"
            aria-pressed={on}
            aria-describedby="notify-hint"
            disabled={asking}
            onClick={async () => {
              if (on) {
                disable();
                return;
              }
              setAsking(true);
              try {
                await enable();
              } finally {
                setAsking(false);
              }
            }}
            className={`inline-flex min-h-11 shrink-0 items-center gap-2 self-start rounded-full border px-4 py-2 text-sm font-medium transition motion-reduce:transition-none disabled:opacity-60 sm:self-auto ${
              on
                ? "border-brand-600 bg-brand-50 text-brand-800 hover:bg-brand-100 dark:border-brand-400 dark:bg-brand-950 dark:text-brand-100 dark:hover:bg-brand-900"
                : "border-stone-300 text-stone-700 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
            }`}
          >
            <BellIcon />
            {/* A toggle keeps one name; aria-pressed carries the state, the pill shows it. */}
            <span>Notify me</span>
            <span
              aria-hidden="true"
              className={`rounded-full px-2 py-0.5 text-xs font-semibold ${
                on ? "bg-brand-700 text-white dark:bg-brand-300 dark:text-brand-950" : "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-300"
              }`}
            >
              {on ? "On" : "Off"}
            </span>
          </button>
          <p id="notify-hint" className="text-sm text-stone-500 dark:text-stone-400">
            {on
              ? "We will let you know when your order moves on while this tab is in the background."
              : "Get a notification when your order moves on while this tab is in the background."}
          </p>
        </>
      )}
    </div>
  );
}
