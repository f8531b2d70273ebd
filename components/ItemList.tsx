import type { OrderItem } from "@/lib/orders/types";

export function ItemList({ items, className = "" }: { items: readonly OrderItem[]; className?: string }) {
  return (
    <ul className={`space-y-1 ${className}`}>
      {items.map((item, index) => (
        <li key={`${index}-${item.name}`} className="flex gap-2">
          <span className="min-w-7 font-semibold tabular-nums text-stone-500 dark:text-stone-400">{item.quantity}×</span>
          <span className="min-w-0 break-words">{item.name}</span>
        </li>
      ))}
    </ul>
  );
}
