import { useId } from "react";

/**
 * A fieldset of checkboxes sharing one `name`, each with an optional hint; the form reads the
 * ticked ones with `FormData.getAll(name)`.
 */
export function CheckboxGroup<Value extends string>({
  legend,
  name,
  options,
  hints,
}: {
  legend: string;
  name: string;
  options: readonly Value[];
  hints?: Readonly<Record<Value, string>>;
}) {
  const id = useId();
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-2 flex flex-col gap-2">
        {options.map((option) => (
          <div key={option} className="flex items-start gap-2.5">
            <input
              id={`${id}-${option}`}
              type="checkbox"
              name={name}
              value={option}
              aria-describedby={hints ? `${id}-${option}-hint` : undefined}
              className="mt-0.5 size-4 shrink-0 rounded accent-brand-600"
            />
            <div className="min-w-0">
              <label htmlFor={`${id}-${option}`} className="font-mono text-sm font-semibold">
                {option}
              </label>
              {hints && (
                <p id={`${id}-${option}-hint`} className="text-sm break-words text-stone-600 dark:text-stone-400">
                  {hints[option]}
                </p>
              )}
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
