"use client";

import { useId, type KeyboardEvent, type RefObject } from "react";
import { OPEN_STATUSES, STATUS_LABELS, type OpenStatus } from "@/lib/orders/status";
import { EMPTY_FILTER, WAITING_CHOICES, isFiltering, type BoardFilter } from "./board-filter";
import { StatusIcon } from "./StatusIcon";
import { STATUS_STYLES } from "./status-styles";

/** The board's search field and filters; the board owns the filter and keeps it in the URL. */
export function BoardToolbar({
  filter,
  onChange,
  searchRef,
  shown,
  total,
  onLeaveSearch,
}: {
  filter: BoardFilter;
  onChange: (filter: BoardFilter) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Open orders the filter lets through, and all open orders. */
  shown: number;
  total: number;
  /** Enter, or Escape on an empty field: go to the cards (`first`: the first match). */
  onLeaveSearch: (first: boolean) => void;
}) {
  const id = useId();
  const filtering = isFiltering(filter);

  function toggleStatus(status: OpenStatus) {
    const statuses = filter.statuses.includes(status)
      ? filter.statuses.filter((candidate) => candidate !== status)
      : [...filter.statuses, status];
    onChange({ ...filter, statuses: statuses.length === OPEN_STATUSES.length ? [] : statuses });
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      if (filter.q) onChange({ ...filter, q: "" });
      else onLeaveSearch(false);
    } else if (event.key === "Enter") {
      event.preventDefault();
      onLeaveSearch(true);
    }
  }

  const control =
    "rounded-xl border border-stone-300 bg-white text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-stone-700 dark:bg-stone-950";

  return (
    <search className="mt-5 flex flex-col gap-3" aria-label="Search and filter orders">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative min-w-[14rem] flex-1">
          <label htmlFor={`${id}-q`} className="sr-only">
            Search by order code or customer name
          </label>
          <svg
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-stone-500 dark:text-stone-400"
            aria-hidden="true"
            focusable="false"
          >
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <input
            ref={searchRef}
            id={`${id}-q`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder="Search code or name"
            aria-keyshortcuts="/"
            aria-describedby={`${id}-count`}
            value={filter.q}
            maxLength={100}
            onChange={(event) => onChange({ ...filter, q: event.target.value })}
            onKeyDown={onSearchKey}
            className={`${control} w-full py-2 pr-10 pl-9 [&::-webkit-search-cancel-button]:hidden`}
          />
          <kbd
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 rounded-md border border-stone-300 px-1.5 font-mono text-xs text-stone-500 dark:border-stone-700 dark:text-stone-400"
          >
            /
          </kbd>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2 text-sm font-medium">
            Waiting
            <select
              value={filter.waitingMinutes ?? ""}
              onChange={(event) =>
                onChange({ ...filter, waitingMinutes: event.target.value ? Number(event.target.value) : null })
              }
              className={`${control} py-2 pr-8 pl-3`}
            >
              <option value="">any time</option>
              {WAITING_CHOICES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  over {minutes} min
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={filter.withNote}
              onChange={(event) => onChange({ ...filter, withNote: event.target.checked })}
              className="size-4 rounded accent-brand-600"
            />
            Has a note
          </label>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Show columns" className="flex flex-wrap gap-2">
          {OPEN_STATUSES.map((status) => {
            const pressed = filter.statuses.includes(status);
            return (
              <button
                key={status}
                type="button"
                aria-pressed={pressed}
                onClick={() => toggleStatus(status)}
                className={`inline-flex min-h-9 items-center gap-1.5 rounded-full border px-3 py-1 text-sm font-medium transition ${
                  pressed
                    ? `${STATUS_STYLES[status].soft} ${STATUS_STYLES[status].ring} font-semibold`
                    : "border-stone-300 text-stone-700 hover:bg-stone-100 dark:border-stone-700 dark:text-stone-300 dark:hover:bg-stone-800"
                }`}
              >
                <StatusIcon status={status} className="size-4" />
                {STATUS_LABELS[status]}
              </button>
            );
          })}
        </div>
        <p id={`${id}-count`} role="status" data-testid="filter-count" className="ml-auto text-sm text-stone-600 tabular-nums dark:text-stone-400">
          {filtering ? `${shown} of ${total} open orders match` : `${total} open ${total === 1 ? "order" : "orders"}`}
        </p>
        {filtering && (
          <button
            type="button"
            onClick={() => onChange(EMPTY_FILTER)}
            className="rounded-full px-3 py-1 text-sm font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
          >
            Clear filters
          </button>
        )}
      </div>
    </search>
  );
}
