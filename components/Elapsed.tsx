"use client";

import { useClientNow } from "@/lib/hooks/use-now";

/** "just now", "4 min", "1 h 12 min": how long ago `since` was. */
export function formatElapsed(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** Time since `since`, refreshed by the shared ticker; empty on the server. */
export function Elapsed({ since, className }: { since: string; className?: string }) {
  const current = useClientNow();
  if (current === null) return null;
  return (
    <time dateTime={since} className={className}>
      {formatElapsed(current - new Date(since).getTime())}
    </time>
  );
}
