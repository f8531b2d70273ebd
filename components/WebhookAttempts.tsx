import { attemptOutcome, formatDuration, type WebhookAttemptView } from "./integrations";
import { LocalTime } from "./LocalTime";
import { MUTED } from "./integration-styles";

/** An endpoint's latest delivery attempts, the newest first; the table scrolls inside its box on a phone. */
export function WebhookAttempts({ attempts, url }: { attempts: WebhookAttemptView[]; url: string }) {
  if (attempts.length === 0) return <p className={MUTED}>No deliveries yet.</p>;
  return (
    // Focusable, so a keyboard can scroll the table where a phone cuts it off.
    <div
      role="region"
      aria-label={`Latest attempts to ${url}`}
      tabIndex={0}
      className="overflow-x-auto rounded-xl border border-stone-200 dark:border-stone-800"
    >
      <table className="w-full min-w-[18rem] text-left text-sm" data-testid="webhook-attempts">
        <caption className="sr-only">Latest delivery attempts to {url}, the newest first</caption>
        <thead className="bg-stone-100 text-xs font-semibold tracking-wide text-stone-600 uppercase dark:bg-stone-800/60 dark:text-stone-300">
          <tr>
            <th scope="col" className="px-2 py-2 sm:px-3">
              Time
            </th>
            <th scope="col" className="px-2 py-2 sm:px-3">
              Event
            </th>
            <th scope="col" className="px-2 py-2 sm:px-3">
              Result
            </th>
            <th scope="col" className="px-2 py-2 sm:px-3 text-right">
              Took
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
          {attempts.map((attempt, index) => {
            const outcome = attemptOutcome(attempt);
            return (
              <tr key={`${attempt.at}-${attempt.eventId}-${index}`} data-testid="webhook-attempt" data-status={attempt.statusCode ?? undefined}>
                <td className="px-2 py-2 sm:px-3 whitespace-nowrap tabular-nums">
                  <LocalTime iso={attempt.at} />
                </td>
                <td className="px-2 py-2 sm:px-3 font-mono tabular-nums">{attempt.eventId}</td>
                <td
                  className={`px-2 py-2 break-words sm:px-3 ${
                    outcome.delivered ? "text-status-delivered" : "font-medium text-status-cancelled"
                  }`}
                >
                  {outcome.text}
                </td>
                <td className="px-2 py-2 sm:px-3 text-right whitespace-nowrap tabular-nums">{formatDuration(attempt.durationMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
