"use client";

import { useId, useRef } from "react";
import { BoardDialog } from "./BoardDialog";
import { SHORTCUTS } from "./board-keyboard";

/** The board's keyboard shortcuts, opened with `?` or the header's button. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const close = useRef<HTMLButtonElement>(null);
  return (
    <BoardDialog labelledBy={`${id}-title`} describedBy={`${id}-lead`} onClose={onClose} initialFocus={close} testId="shortcuts-dialog">
      <h2 id={`${id}-title`} className="text-xl font-bold tracking-tight">
        Keyboard shortcuts
      </h2>
      <p id={`${id}-lead`} className="mt-1 text-sm text-stone-600 dark:text-stone-300">
        Order keys act on the focused order card. No shortcut fires while you type in a field.
      </p>
      <table className="mt-4 w-full text-sm">
        <thead className="sr-only">
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
          {SHORTCUTS.map(({ keys, does }) => (
            <tr key={does}>
              <td className="py-2 pr-4 whitespace-nowrap">
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && <span className="px-1 text-stone-500 dark:text-stone-400">or</span>}
                    <kbd className="inline-block min-w-7 rounded-md border border-stone-300 bg-stone-50 px-1.5 py-0.5 text-center font-mono text-xs font-semibold shadow-sm dark:border-stone-700 dark:bg-stone-800">
                      {key}
                    </kbd>
                  </span>
                ))}
              </td>
              <td className="py-2">{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-6 flex justify-end">
        <button
          ref={close}
          type="button"
          onClick={onClose}
          className="inline-flex min-h-10 items-center justify-center rounded-xl border border-stone-300 px-4 py-2 text-sm font-semibold text-stone-700 transition hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
        >
          Close
        </button>
      </div>
    </BoardDialog>
  );
}
