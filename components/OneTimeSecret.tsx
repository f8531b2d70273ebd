"use client";

import { useId } from "react";
import { CopyButton } from "./CopyButton";
import { SECONDARY_BUTTON } from "./integration-styles";

/**
 * A secret the server hands out once (a new API key, a webhook's signing secret): in a read-only
 * field to select or copy, with the warning that it is gone once this is closed.
 */
export function OneTimeSecret({ label, value, testId, onDone }: { label: string; value: string; testId: string; onDone: () => void }) {
  const id = useId();
  return (
    <div
      data-testid={testId}
      className="mt-4 rounded-2xl border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <input
        id={id}
        type="text"
        readOnly
        value={value}
        spellCheck={false}
        aria-describedby={`${id}-warning`}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1.5 w-full min-w-0 rounded-xl border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-stone-900 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-amber-800 dark:bg-stone-950 dark:text-stone-100"
      />
      <p id={`${id}-warning`} className="mt-2 text-sm">
        Copy it now and keep it somewhere safe: it will not be shown again.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <CopyButton
          text={value}
          label="Copy"
          copiedLabel="Copied"
          failedLabel="Copying was refused: select the text and copy it"
          className="bg-white text-sm dark:bg-stone-900"
        />
        <button type="button" onClick={onDone} className={`${SECONDARY_BUTTON} bg-white dark:bg-stone-900`}>
          Done
        </button>
      </div>
    </div>
  );
}
