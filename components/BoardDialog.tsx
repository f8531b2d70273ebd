"use client";

import { useLayoutEffect, useRef, type ReactNode, type RefObject } from "react";

/**
 * A modal dialog of the board: the native <dialog> opened with showModal(), so the browser makes
 * the rest of the page inert (focus stays inside) and Escape closes it. Mounted while open;
 * whoever mounts it puts focus back where it belongs when `onClose` fires.
 */
export function BoardDialog({
  labelledBy,
  describedBy,
  onClose,
  initialFocus,
  testId,
  children,
}: {
  labelledBy: string;
  describedBy?: string;
  onClose: () => void;
  /** The element to focus when the dialog opens; the first focusable one when absent. */
  initialFocus?: RefObject<HTMLElement | null>;
  testId: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Unmounting removes the element, which takes it out of the top layer without a close event.
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-3xl border border-stone-200 bg-white p-0 text-stone-900 shadow-2xl backdrop:bg-stone-950/50 motion-safe:animate-arrive dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100"
    >
      <div className="p-5 sm:p-6">{children}</div>
    </dialog>
  );
}
