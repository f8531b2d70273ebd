"use client";

import { useState, type ReactNode } from "react";

/**
 * Copies a text to the clipboard and says so for two seconds. `text` is read at the click, so a
 * caller can copy what only the browser knows (the page's own address).
 */
export function CopyButton({
  text,
  label,
  copiedLabel,
  failedLabel,
  icon,
  className = "",
}: {
  text: string | (() => string);
  label: string;
  copiedLabel: string;
  /** Shown when the browser refuses clipboard access; without it the button just stays as it was. */
  failedLabel?: string;
  icon?: ReactNode;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === "function" ? text() : text);
      setState("copied");
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the text is still there to select.
      setState(failedLabel ? "failed" : "idle");
    }
    setTimeout(() => setState("idle"), 2000);
  }

  return (
    <button
      type="button"
      onClick={copy}
      className={`inline-flex items-center gap-2 rounded-full border border-stone-300 px-3 py-1.5 font-medium text-stone-700 transition hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800 ${className}`}
    >
      {icon ?? <CopyIcon />}
      <span>{state === "copied" ? copiedLabel : state === "failed" ? failedLabel : label}</span>
    </button>
  );
}

function CopyIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} className="size-4" aria-hidden="true">
      <rect x="9" y="9" width="11" height="11" rx="2" />
      <path d="M5 15V6a2 2 0 0 1 2-2h8" strokeLinecap="round" />
    </svg>
  );
}
