/** Class lists the integrations page's components share, in the board's palette. */

export const CARD =
  "rounded-3xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6 dark:border-stone-800 dark:bg-stone-900";

export const FIELD =
  "mt-1.5 w-full rounded-xl border border-stone-300 bg-white px-3.5 py-2.5 text-base shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-stone-700 dark:bg-stone-950";

export const SECONDARY_BUTTON =
  "inline-flex min-h-9 items-center justify-center rounded-full border border-stone-300 px-3 py-1.5 text-sm font-semibold text-stone-700 transition hover:bg-stone-100 disabled:cursor-wait disabled:opacity-60 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800";

export const DANGER_BUTTON =
  "inline-flex min-h-9 items-center justify-center rounded-full bg-rose-700 px-3 py-1.5 text-sm font-semibold text-white shadow-sm transition hover:bg-rose-800 disabled:cursor-wait disabled:opacity-60";

export const ERROR_TEXT = "rounded-xl bg-status-cancelled/10 px-3 py-2 text-sm font-medium text-status-cancelled";

export const MUTED = "text-sm text-stone-600 dark:text-stone-400";
