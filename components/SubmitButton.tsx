import type { ReactNode } from "react";

/** The primary button of a form: disabled with a spinner while its request is in flight. */
export function SubmitButton({
  submitting,
  className = "",
  children,
}: {
  submitting: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      disabled={submitting}
      aria-busy={submitting || undefined}
      className={`flex w-full items-center justify-center gap-2 rounded-full bg-brand-700 px-6 py-3 font-semibold text-white shadow-sm transition hover:bg-brand-800 disabled:cursor-wait disabled:opacity-70 ${className}`}
    >
      {submitting && (
        <span className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" aria-hidden="true" />
      )}
      {children}
    </button>
  );
}
