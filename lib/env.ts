/**
 * An integer setting from the environment: `fallback` when unset, blank or not an integer of at
 * least `min` (a typo in a limit should not take the server down, nor turn the limit off).
 */
export function intFromEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= min ? value : fallback;
}
