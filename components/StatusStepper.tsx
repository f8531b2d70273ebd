import { PROGRESS, STATUS_LABELS, type OrderStatus } from "@/lib/orders/status";

// The bar's width at each step of PROGRESS, as classes: the Content-Security-Policy refuses style
// attributes in server-rendered HTML (docs/decisions/007). The first step still shows a sliver.
const BAR_WIDTHS = ["w-[4%]", "w-1/5", "w-2/5", "w-3/5", "w-4/5", "w-full"] as const;

/** The happy path as a progress bar; a cancelled order shows how far it got, struck through. */
export function StatusStepper({ status, reached }: { status: OrderStatus; reached: ReadonlySet<OrderStatus> }) {
  const cancelled = status === "cancelled";
  const currentIndex = cancelled
    ? Math.max(-1, ...PROGRESS.map((s, i) => (reached.has(s) ? i : -1)))
    : PROGRESS.indexOf(status);

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
          className={`h-full rounded-full transition-[width] duration-700 ease-out ${BAR_WIDTHS[Math.max(0, currentIndex)]} ${
            cancelled ? "bg-status-cancelled" : "bg-brand-500"
          }`}
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
