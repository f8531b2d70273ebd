"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { DANGER_BUTTON, SECONDARY_BUTTON } from "./integration-styles";

/**
 * A destructive action in two steps, in place: the button asks the question with the real action
 * and a way back beside it. Focus moves to the question's action, and back to the button on "Keep".
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  busy,
  onConfirm,
}: {
  label: string;
  /** The button's full name where `label` alone repeats down a list ("Revoke Till 2"). */
  accessibleLabel: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const returning = useRef(false);

  useLayoutEffect(() => {
    if (asking) confirm.current?.focus();
    else if (returning.current) trigger.current?.focus();
    returning.current = false;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={trigger} type="button" aria-label={accessibleLabel} onClick={() => setAsking(true)} className={SECONDARY_BUTTON}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={question} className="flex flex-wrap items-center gap-2 rounded-2xl bg-rose-50 px-3 py-2 dark:bg-rose-950/50">
      <p className="text-sm font-medium text-rose-950 dark:text-rose-100">{question}</p>
      <button ref={confirm} type="button" disabled={busy} aria-busy={busy || undefined} onClick={onConfirm} className={DANGER_BUTTON}>
        {confirmLabel}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          returning.current = true;
          setAsking(false);
        }}
        className={`${SECONDARY_BUTTON} bg-white dark:bg-stone-900`}
      >
        Keep
      </button>
    </div>
  );
}
