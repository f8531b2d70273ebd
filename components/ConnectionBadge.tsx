import type { ConnectionState } from "@/lib/hooks/use-event-source";

const BADGE: Record<ConnectionState, { label: string; hint: string; tone: string; dot: string; pulse: boolean }> = {
  connecting: {
    label: "Connecting…",
    hint: "Opening the live connection.",
    tone: "bg-stone-200/70 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
    dot: "bg-stone-500",
    pulse: true,
  },
  live: {
    label: "Live",
    hint: "Updates appear here the moment they happen.",
    tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
    dot: "bg-emerald-500",
    pulse: true,
  },
  polling: {
    label: "Live (polling)",
    hint: "The live connection cannot get through this network; checking for updates every few seconds.",
    tone: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-300",
    dot: "bg-sky-500",
    pulse: true,
  },
  reconnecting: {
    label: "Reconnecting…",
    hint: "The connection dropped; catching up without missing an update.",
    tone: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
    dot: "bg-amber-500",
    pulse: true,
  },
  offline: {
    label: "Offline",
    hint: "Your device is offline; updates resume when it is back.",
    tone: "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-300",
    dot: "bg-stone-500",
    pulse: false,
  },
  closed: {
    label: "Updates ended",
    hint: "This order is finished; nothing more will change.",
    tone: "bg-stone-200/70 text-stone-600 dark:bg-stone-800 dark:text-stone-400",
    dot: "bg-stone-400",
    pulse: false,
  },
};

export function connectionHint(state: ConnectionState): string {
  return BADGE[state].hint;
}

/** Shows the stream's state; `labels` lets a page word a state for its readers. */
export function ConnectionBadge({
  state,
  labels,
}: {
  state: ConnectionState;
  labels?: Partial<Record<ConnectionState, string>>;
}) {
  const badge = BADGE[state];
  return (
    <span
      data-testid="connection-badge"
      data-state={state}
      title={badge.hint}
      className={`inline-flex shrink-0 items-center gap-2 rounded-full px-3 py-1 text-xs font-semibold whitespace-nowrap ${badge.tone}`}
    >
      <span className="relative flex size-2" aria-hidden="true">
        {badge.pulse && <span className={`absolute inset-0 rounded-full ${badge.dot} animate-pulse-dot`} />}
        <span className={`relative size-2 rounded-full ${badge.dot}`} />
      </span>
      {labels?.[state] ?? badge.label}
    </span>
  );
}
