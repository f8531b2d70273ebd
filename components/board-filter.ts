/**
 * The staff board's search and filter: what the staff member typed and picked, how it lives in
 * the URL's query (so a reload or a second screen shows the same board), and which orders match.
 * Pure: the board applies it to its live state on every render.
 */
import { OPEN_STATUSES, type OpenStatus } from "@/lib/orders/status";
import type { StaffOrderView } from "@/lib/orders/types";

export interface BoardFilter {
  /** Free text matched against the order code and the customer's name. */
  q: string;
  /** The columns shown; empty means all of them. */
  statuses: readonly OpenStatus[];
  /** Only orders placed at least this many minutes ago; null for any age. */
  waitingMinutes: number | null;
  /** Only orders with a note: the customer's, or staff's on a status change. */
  withNote: boolean;
}

export const EMPTY_FILTER: BoardFilter = { q: "", statuses: [], waitingMinutes: null, withNote: false };

/** The choices the "waiting longer than" select offers. */
export const WAITING_CHOICES = [5, 10, 15, 20, 30, 45, 60] as const;

const MAX_QUERY_LENGTH = 100;
const MAX_WAITING_MINUTES = 24 * 60;

/**
 * Text folded for matching: compatibility-decomposed, combining marks dropped, lower-cased, so
 * "Zoë", "ZOE" and "zoe" find each other, as do full-width and ligature forms.
 */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

function firstValue(query: QueryInput, name: string): string | undefined {
  if (query instanceof URLSearchParams) return query.get(name) ?? undefined;
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The filter a URL's query describes; anything malformed is ignored rather than refused. */
export function parseBoardFilter(query: QueryInput): BoardFilter {
  const q = (firstValue(query, "q") ?? "").slice(0, MAX_QUERY_LENGTH);
  const named = new Set((firstValue(query, "status") ?? "").split(","));
  const statuses = OPEN_STATUSES.filter((status) => named.has(status));
  const waiting = firstValue(query, "waiting");
  const minutes = waiting && /^\d{1,4}$/.test(waiting) ? Number(waiting) : 0;
  return {
    q,
    statuses: statuses.length === OPEN_STATUSES.length ? [] : statuses,
    waitingMinutes: minutes > 0 && minutes <= MAX_WAITING_MINUTES ? minutes : null,
    withNote: firstValue(query, "note") === "1",
  };
}

/** The query string (without "?") that `parseBoardFilter` reads back as `filter`; empty for no filter. */
export function boardFilterQuery(filter: BoardFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.statuses.length > 0) {
    params.set("status", OPEN_STATUSES.filter((status) => filter.statuses.includes(status)).join(","));
  }
  if (filter.waitingMinutes !== null) params.set("waiting", String(filter.waitingMinutes));
  if (filter.withNote) params.set("note", "1");
  return params.toString();
}

export function isFiltering(filter: BoardFilter): boolean {
  return filter.q.trim() !== "" || filter.statuses.length > 0 || filter.waitingMinutes !== null || filter.withNote;
}

/** The newest note staff left on a status change of `order`, with the status it came with. */
export function lastStaffNote(order: StaffOrderView): { note: string; status: StaffOrderView["status"] } | null {
  for (let i = order.timeline.length - 1; i >= 0; i--) {
    const entry = order.timeline[i];
    if (entry?.note) return { note: entry.note, status: entry.status };
  }
  return null;
}

/**
 * Whether `order` passes every part of `filter` except the column choice. `now` is the reader's
 * clock in ms, or null before it is known (server render), when the waiting filter passes all.
 */
export function matchesFilter(order: StaffOrderView, filter: BoardFilter, now: number | null): boolean {
  const q = foldText(filter.q.trim());
  if (q && !foldText(order.code).includes(q) && !foldText(order.customerName).includes(q)) return false;
  if (filter.withNote && !order.note && !lastStaffNote(order)) return false;
  if (filter.waitingMinutes !== null && now !== null) {
    if (now - Date.parse(order.createdAt) < filter.waitingMinutes * 60_000) return false;
  }
  return true;
}

export interface FilteredColumn {
  status: OpenStatus;
  /** The column's orders that match, in the column's order. */
  orders: StaffOrderView[];
  /** How many orders the column holds before filtering. */
  total: number;
}

/** The columns the filter shows, each with its matching orders and its unfiltered count. */
export function filterColumns(
  columns: readonly { status: OpenStatus; orders: readonly StaffOrderView[] }[],
  filter: BoardFilter,
  now: number | null,
): FilteredColumn[] {
  return columns
    .filter((column) => filter.statuses.length === 0 || filter.statuses.includes(column.status))
    .map((column) => ({
      status: column.status,
      orders: column.orders.filter((order) => matchesFilter(order, filter, now)),
      total: column.orders.length,
    }));
}
