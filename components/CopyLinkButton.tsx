"use client";

import { CopyButton } from "./CopyButton";

/** Copies the current page's address; the tracking link is the customer's only key to the order. */
export function CopyLinkButton() {
  return (
    <CopyButton
      text={() => window.location.href}
      label="Copy tracking link"
      copiedLabel="Link copied"
      className="self-start"
      icon={
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} className="size-4" aria-hidden="true">
          <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1" strokeLinecap="round" />
          <path d="M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" strokeLinecap="round" />
        </svg>
      }
    />
  );
}
