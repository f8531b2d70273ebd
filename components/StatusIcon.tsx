import type { OrderStatus } from "@/lib/orders/status";
import { LineIcon } from "./LineIcon";

/** One outline glyph per status (24×24, currentColor), decorative: the label always sits next to it. */
const PATHS: Record<OrderStatus, string[]> = {
  // receipt
  placed: ["M6 3h12v18l-3-2-3 2-3-2-3 2z", "M9 8h6", "M9 12h6"],
  // check in circle
  confirmed: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "m8 12 2.5 2.5L16 9"],
  // pan with steam
  preparing: ["M3 13h14v2a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4z", "M17 14h4", "M8 9c0-1 1-1.5 1-2.5S8 5 8 4", "M12 9c0-1 1-1.5 1-2.5S12 5 12 4"],
  // shopping bag
  ready: ["M5 8h14l-1 12H6z", "M9 8V6a3 3 0 0 1 6 0v2"],
  // scooter
  out_for_delivery: ["M6.5 19a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z", "M17.5 19a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z", "M9 16.5h6l3-8h-3", "M4 10h5l1 6.5"],
  // house with check
  delivered: ["M4 11 12 4l8 7v9H4z", "m9 15 2 2 4-4"],
  // x in circle
  cancelled: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "m9 9 6 6", "m15 9-6 6"],
};

export function StatusIcon({ status, className = "size-6" }: { status: OrderStatus; className?: string }) {
  return (
    <LineIcon className={className} strokeWidth={1.75}>
      {PATHS[status].map((d) => (
        <path key={d} d={d} />
      ))}
    </LineIcon>
  );
}
