import { STATUS_LABELS, type OrderStatus } from "@/lib/orders/status";
import { STATUS_STYLES } from "./status-styles";

export function StatusPill({ status, className = "" }: { status: OrderStatus; className?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATUS_STYLES[status].soft} ${className}`}
    >
      <span className={`size-1.5 rounded-full ${STATUS_STYLES[status].dot}`} aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  );
}
