"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { ACTION_LABELS, STATUS_LABELS, canTransition, type OrderStatus } from "@/lib/orders/status";
import type { StaffOrderView } from "@/lib/orders/types";
import { BoardDialog } from "./BoardDialog";

/** The API's limit on a transition's `note` (lib/orders/input.ts). */
export const NOTE_MAX_LENGTH = 500;

/**
 * Moves an order on with a note the customer sees: a required reason to cancel, an optional note
 * on an advance. `order` is the board's current copy, so a change by someone else while the
 * dialog is open shows here, and a retry names the version it was decided on.
 */
export function TransitionDialog({
  order,
  to,
  onSubmit,
  onClose,
}: {
  order: StaffOrderView;
  to: OrderStatus;
  /** Sends the transition; answers null when it went through, or the message to show. */
  onSubmit: (order: StaffOrderView, to: OrderStatus, note: string | undefined) => Promise<string | null>;
  onClose: () => void;
}) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const cancelling = to === "cancelled";
  const allowed = canTransition(order.status, to);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending || !allowed) return;
    const trimmed = note.trim();
    if (cancelling && trimmed === "") {
      setError("Enter a reason: the customer sees it on their tracking page.");
      field.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    const message = await onSubmit(order, to, trimmed === "" ? undefined : trimmed);
    setSending(false);
    if (message === null) onClose();
    else setError(message);
  }

  const title = cancelling ? `Cancel order ${order.code}` : `${ACTION_LABELS[to]}: order ${order.code}`;
  const label = cancelling ? "Reason for the customer" : "Note for the customer (optional)";
  const describedBy = [`${id}-help`, `${id}-count`, error ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <BoardDialog labelledBy={`${id}-title`} describedBy={`${id}-lead`} onClose={onClose} initialFocus={field} testId="transition-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="text-xl font-bold tracking-tight">
          {title}
        </h2>
        <p id={`${id}-lead`} className="mt-1 text-sm text-stone-600 dark:text-stone-300">
          {order.customerName} · now {STATUS_LABELS[order.status]}
        </p>
        {!allowed && (
          <p role="alert" className="mt-4 rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/60 dark:text-amber-100">
            This order is now {STATUS_LABELS[order.status]}: it can no longer be {cancelling ? "cancelled" : `moved to ${STATUS_LABELS[to]}`}.
          </p>
        )}
        <label htmlFor={`${id}-note`} className="mt-5 block text-sm font-medium">
          {label}
        </label>
        <textarea
          ref={field}
          id={`${id}-note`}
          name="note"
          rows={4}
          maxLength={NOTE_MAX_LENGTH}
          required={cancelling}
          aria-required={cancelling}
          aria-invalid={error !== null || undefined}
          aria-describedby={describedBy}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={(event) => {
            // Enter makes a new line in the note; Ctrl or Cmd with it sends the form, as in chat apps.
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
          className="mt-1.5 w-full resize-y rounded-xl border border-stone-300 bg-white px-3.5 py-2.5 text-base shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-stone-700 dark:bg-stone-950"
        />
        <div className="mt-1 flex justify-between gap-3 text-xs text-stone-600 dark:text-stone-400">
          <p id={`${id}-help`}>
            {cancelling ? "Shown to the customer on their tracking page." : "Shown to the customer with this step."} Ctrl+Enter
            sends.
          </p>
          <p id={`${id}-count`} className="shrink-0 tabular-nums">
            {note.length}/{NOTE_MAX_LENGTH}
            <span className="sr-only"> characters</span>
          </p>
        </div>
        {error && (
          <p
            id={`${id}-error`}
            role="alert"
            data-testid="dialog-error"
            className="mt-3 rounded-xl bg-status-cancelled/10 px-3 py-2 text-sm font-medium text-status-cancelled"
          >
            {error}
          </p>
        )}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button
            type="button"
            onClick={onClose}
            className="inline-flex min-h-10 items-center justify-center rounded-xl border border-stone-300 px-4 py-2 text-sm font-semibold text-stone-700 transition hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
          >
            {cancelling ? "Keep the order" : "Back"}
          </button>
          <button
            type="submit"
            disabled={sending || !allowed}
            className={`inline-flex min-h-10 items-center justify-center rounded-xl px-4 py-2 text-sm font-semibold text-white shadow-sm transition disabled:cursor-not-allowed disabled:opacity-60 ${
              cancelling ? "bg-rose-700 hover:bg-rose-800" : "bg-brand-700 hover:bg-brand-800"
            }`}
          >
            {cancelling ? "Cancel order" : ACTION_LABELS[to]}
          </button>
        </div>
      </form>
    </BoardDialog>
  );
}
