import { PROGRESS, STATUS_LABELS, type OrderStatus } from "@/lib/orders/status";

/** The happy path as a progress bar; a cancelled order shows how far it got, struck through. */
export function StatusStepper({ status, reached }: { status: OrderStatus; reached: ReadonlySet<OrderStatus> }) {
  const cancelled = status === "cancelled";
  const currentIndex = cancelled
    ? Math.max(-1, ...PROGRESS.map((s, i) => (reached.has(s) ? i : -1)))
    : PROGRESS.indexOf(status);
  const percent = Math.round((Math.max(0, currentIndex) / (PROGRESS.length - 1)) * 100);

  return (
    <div>
      <div
        role="progressbar"
        aria-label="Order progress"
        aria-valuemin={0}
        aria-valuemax={PROGRESS.length - 1}
        aria-valuenow={Math.max(0, currentIndex)}
        aria-valuetext={cancelled ? "Cancelled" : STATUS_LABELS[status]}
        className="h-2 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-700 ease-out ${
            cancelled ? "bg-status-cancelled" : "bg-brand-500"
          }`}
          style={{ width: `${Math.max(percent, 4)}%` }}
        />
      </div>
      <ol className="mt-3 hidden grid-cols-6 gap-2 text-center text-xs sm:grid" aria-hidden="true">
        {PROGRESS.map((step, index) => {
          const done = index <= currentIndex;
          const current = !cancelled && index === currentIndex;
          return (
            <li
              key={step}
              className={`${current ? "font-semibold text-stone-900 dark:text-stone-50" : done ? "text-stone-600 dark:text-stone-300" : "text-stone-400 dark:text-stone-500"} ${
                cancelled && done ? "line-through decoration-status-cancelled/60" : ""
              }`}
            >
              {STATUS_LABELS[step]}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
