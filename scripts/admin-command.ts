/**
 * What the administration commands (`npm run staff:add`, `apikey`, `webhook`) share: a refusal
 * printed as one line with exit code 1, and the database closed either way.
 */
import { disconnectDb } from "@/lib/db/client";

export function runAdminCommand(main: () => Promise<void>): void {
  main()
    .finally(() => disconnectDb())
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

/** A moment as lists print it: ISO 8601 to the second, or "never". */
export function whenText(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "never";
}
