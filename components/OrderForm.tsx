"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { refusalMessage } from "@/lib/http/error-message";
import { MENU, formatPrice, type MenuItem } from "@/lib/menu";
import { MenuIcon } from "./MenuIcon";
import { SubmitButton } from "./SubmitButton";

const NAME_MAX = 100;
const NOTE_MAX = 500;
const QUANTITY_MAX = 99;

type Quantities = Record<string, string>;

interface FieldErrors {
  name?: string;
  items?: string;
  note?: string;
}

function parseQuantity(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return 0;
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n <= QUANTITY_MAX ? n : null;
}

function validate(name: string, quantities: Quantities, note: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!name.trim()) errors.name = "Tell us your name, so the kitchen knows whose order it is.";
  else if (name.trim().length > NAME_MAX) errors.name = `Keep your name under ${NAME_MAX} characters.`;

  const parsed = MENU.map((item) => parseQuantity(quantities[item.id]));
  if (parsed.some((q) => q === null)) errors.items = `Quantities are whole numbers from 0 to ${QUANTITY_MAX}.`;
  else if (!parsed.some((q) => q !== null && q > 0)) errors.items = "Choose at least one item.";

  if (note.trim().length > NOTE_MAX) errors.note = `Keep the note under ${NOTE_MAX} characters.`;
  return errors;
}

function trackingPath(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("trackingUrl" in body)) return null;
  if (typeof body.trackingUrl !== "string") return null;
  // Only the path: the server names its own origin, which behind a proxy may not be ours.
  const url = new URL(body.trackingUrl, window.location.origin);
  return url.pathname.startsWith("/track/") ? url.pathname : null;
}

export function OrderForm() {
  const router = useRouter();
  const formId = useId();
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [quantities, setQuantities] = useState<Quantities>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const lines = MENU.flatMap((item) => {
    const q = parseQuantity(quantities[item.id]);
    return q ? [{ item, quantity: q }] : [];
  });
  const total = lines.reduce((sum, line) => sum + line.item.priceCents * line.quantity, 0);
  const count = lines.reduce((sum, line) => sum + line.quantity, 0);

  const setQuantity = (item: MenuItem, value: string) => {
    setQuantities((current) => ({ ...current, [item.id]: value }));
    if (errors.items) setErrors((current) => ({ ...current, items: undefined }));
  };

  const step = (item: MenuItem, delta: number) => {
    const current = parseQuantity(quantities[item.id]) ?? 0;
    setQuantity(item, String(Math.min(QUANTITY_MAX, Math.max(0, current + delta))));
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setServerError(null);
    const found = validate(name, quantities, note);
    setErrors(found);
    if (found.name || found.items || found.note) {
      const first = found.name ? `${formId}-name` : found.items ? `${formId}-qty-${MENU[0]?.id}` : `${formId}-note`;
      document.getElementById(first)?.focus();
      return;
    }

    setSubmitting(true);
    try {
      const response = await fetch("/api/orders", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          customerName: name.trim(),
          items: lines.map((line) => ({ name: line.item.name, quantity: line.quantity })),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      });
      const body: unknown = await response.json().catch(() => null);
      const path = response.status === 201 ? trackingPath(body) : null;
      if (path) {
        // Stay in the submitting state: the button must not invite a second order while we navigate.
        router.push(path);
        return;
      }
      setServerError(
        refusalMessage(
          response.status,
          body,
          response.status === 400 ? "The order was not accepted. Check it and try again." : undefined,
        ),
      );
    } catch {
      setServerError("We could not reach the shop. Check your connection and try again.");
    }
    setSubmitting(false);
  }

  const inputBase =
    "w-full rounded-xl border bg-white px-3.5 py-2.5 text-base shadow-sm transition placeholder:text-stone-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:bg-stone-900";
  const inputOk = "border-stone-300 dark:border-stone-700";
  const inputBad = "border-status-cancelled ring-2 ring-status-cancelled/20";

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-8 lg:grid-cols-[1fr_22rem] lg:items-start">
      <div className="space-y-8">
        <fieldset aria-describedby={errors.items ? `${formId}-items-error` : undefined}>
          <legend className="text-lg font-semibold">Menu</legend>
          {errors.items && (
            <p id={`${formId}-items-error`} className="mt-2 text-sm font-medium text-status-cancelled">
              {errors.items}
            </p>
          )}
          <ul className="mt-4 grid gap-3 sm:grid-cols-2">
            {MENU.map((item) => {
              const quantity = parseQuantity(quantities[item.id]) ?? 0;
              const inputId = `${formId}-qty-${item.id}`;
              return (
                <li
                  key={item.id}
                  className={`flex flex-col rounded-2xl border bg-white p-4 shadow-sm transition dark:bg-stone-900 ${
                    quantity > 0
                      ? "border-brand-400 ring-1 ring-brand-400 dark:border-brand-600 dark:ring-brand-600"
                      : "border-stone-200 dark:border-stone-800"
                  }`}
                >
                  <div className="flex gap-3">
                    <span className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-600 dark:bg-brand-950/60 dark:text-brand-300">
                      <MenuIcon id={item.id} />
                    </span>
                    <div className="min-w-0 flex-1">
                      <div className="flex items-baseline justify-between gap-2">
                        <label htmlFor={inputId} className="font-semibold">
                          {item.name}
                        </label>
                        <span className="text-sm font-medium tabular-nums text-stone-600 dark:text-stone-300">
                          {formatPrice(item.priceCents)}
                        </span>
                      </div>
                      <p id={`${inputId}-desc`} className="mt-0.5 text-sm text-stone-500 dark:text-stone-400">
                        {item.description}
                      </p>
                    </div>
                  </div>
                  <div className="mt-3 flex items-center justify-end gap-1">
                    {/* Pointer shortcuts only: the number field itself is the accessible control. */}
                    <button
                      type="button"
                      tabIndex={-1}
                      aria-hidden="true"
                      onClick={() => step(item, -1)}
                      disabled={quantity === 0}
                      className="flex size-9 items-center justify-center rounded-full border border-stone-300 text-lg font-semibold text-stone-700 transition hover:bg-stone-100 disabled:opacity-40 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
                    >
                      −
                    </button>
                    <input
                      id={inputId}
                      name={`qty-${item.id}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={QUANTITY_MAX}
                      step={1}
                      placeholder="0"
                      value={quantities[item.id] ?? ""}
                      onChange={(e) => setQuantity(item, e.target.value)}
                      aria-describedby={`${inputId}-desc`}
                      aria-invalid={parseQuantity(quantities[item.id]) === null || undefined}
                      className="w-14 rounded-lg border border-stone-300 bg-white py-1.5 text-center text-base font-semibold tabular-nums focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-stone-700 dark:bg-stone-950"
                    />
                    <button
                      type="button"
                      tabIndex={-1}
                      aria-hidden="true"
                      onClick={() => step(item, 1)}
                      disabled={quantity >= QUANTITY_MAX}
                      className="flex size-9 items-center justify-center rounded-full bg-brand-600 text-lg font-semibold text-white transition hover:bg-brand-700 disabled:opacity-40"
                    >
                      +
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </fieldset>

        <fieldset className="space-y-5">
          <legend className="text-lg font-semibold">Your details</legend>
          <div>
            <label htmlFor={`${formId}-name`} className="block text-sm font-medium">
              Your name
            </label>
            <input
              id={`${formId}-name`}
              name="customerName"
              autoComplete="name"
              maxLength={NAME_MAX}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (errors.name) setErrors((current) => ({ ...current, name: undefined }));
              }}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? `${formId}-name-error` : undefined}
              className={`mt-1.5 ${inputBase} ${errors.name ? inputBad : inputOk}`}
            />
            {errors.name && (
              <p id={`${formId}-name-error`} className="mt-1.5 text-sm font-medium text-status-cancelled">
                {errors.name}
              </p>
            )}
          </div>
          <div>
            <div className="flex items-baseline justify-between">
              <label htmlFor={`${formId}-note`} className="block text-sm font-medium">
                Note
              </label>
              <span className="text-xs text-stone-500 dark:text-stone-400">Optional</span>
            </div>
            <textarea
              id={`${formId}-note`}
              name="note"
              rows={3}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                if (errors.note) setErrors((current) => ({ ...current, note: undefined }));
              }}
              placeholder="Allergies, doorbell, extra napkins…"
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={`${formId}-note-hint${errors.note ? ` ${formId}-note-error` : ""}`}
              className={`mt-1.5 resize-y ${inputBase} ${errors.note ? inputBad : inputOk}`}
            />
            <p id={`${formId}-note-hint`} className="mt-1 text-right text-xs tabular-nums text-stone-500 dark:text-stone-400">
              {note.trim().length}/{NOTE_MAX}
            </p>
            {errors.note && (
              <p id={`${formId}-note-error`} className="text-sm font-medium text-status-cancelled">
                {errors.note}
              </p>
            )}
          </div>
        </fieldset>
      </div>

      <aside
        aria-labelledby={`${formId}-summary`}
        className="rounded-3xl border border-stone-200 bg-white p-5 shadow-sm lg:sticky lg:top-20 dark:border-stone-800 dark:bg-stone-900"
      >
        <h2 id={`${formId}-summary`} className="text-lg font-semibold">
          Your order
        </h2>
        {lines.length === 0 ? (
          <p className="mt-3 text-sm text-stone-500 dark:text-stone-400">Nothing yet. Add something from the menu.</p>
        ) : (
          <ul className="mt-3 space-y-2 text-sm">
            {lines.map(({ item, quantity }) => (
              <li key={item.id} className="flex justify-between gap-3">
                <span>
                  <span className="font-semibold tabular-nums">{quantity}×</span> {item.name}
                </span>
                <span className="tabular-nums">{formatPrice(item.priceCents * quantity)}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4 flex items-baseline justify-between border-t border-stone-200 pt-4 dark:border-stone-800">
          <span className="font-medium">
            Total{count > 0 && <span className="text-sm text-stone-500 dark:text-stone-400"> · {count} {count === 1 ? "item" : "items"}</span>}
          </span>
          <span className="text-xl font-bold tabular-nums">{formatPrice(total)}</span>
        </div>

        {serverError && (
          <p
            role="alert"
            data-testid="order-error"
            className="mt-4 rounded-xl bg-status-cancelled/10 px-3 py-2 text-sm font-medium text-status-cancelled"
          >
            {serverError}
          </p>
        )}

        <SubmitButton submitting={submitting} className="mt-5">
          Place order
        </SubmitButton>
        <p className="mt-3 text-center text-xs text-stone-500 dark:text-stone-400">
          You’ll get a private link that shows your order live.
        </p>
      </aside>
    </form>
  );
}
