import type { OrderStatus } from "@/lib/orders/status";

/**
 * Literal class names per status (Tailwind only generates classes it can read whole in source).
 * The colours come from tailwind.config.ts's `status` palette.
 */
export const STATUS_STYLES: Record<OrderStatus, { text: string; dot: string; soft: string; ring: string }> = {
  placed: {
    text: "text-status-placed",
    dot: "bg-status-placed",
    soft: "bg-status-placed/10 text-status-placed",
    ring: "border-status-placed/40",
  },
  confirmed: {
    text: "text-status-confirmed",
    dot: "bg-status-confirmed",
    soft: "bg-status-confirmed/10 text-status-confirmed",
    ring: "border-status-confirmed/40",
  },
  preparing: {
    text: "text-status-preparing",
    dot: "bg-status-preparing",
    soft: "bg-status-preparing/10 text-status-preparing",
    ring: "border-status-preparing/40",
  },
  ready: {
    text: "text-status-ready",
    dot: "bg-status-ready",
    soft: "bg-status-ready/10 text-status-ready",
    ring: "border-status-ready/40",
  },
  out_for_delivery: {
    text: "text-status-out-for-delivery",
    dot: "bg-status-out-for-delivery",
    soft: "bg-status-out-for-delivery/10 text-status-out-for-delivery",
    ring: "border-status-out-for-delivery/40",
  },
  delivered: {
    text: "text-status-delivered",
    dot: "bg-status-delivered",
    soft: "bg-status-delivered/10 text-status-delivered",
    ring: "border-status-delivered/40",
  },
  cancelled: {
    text: "text-status-cancelled",
    dot: "bg-status-cancelled",
    soft: "bg-status-cancelled/10 text-status-cancelled",
    ring: "border-status-cancelled/40",
  },
};
