import { prepareDatabase } from "@/lib/db/prepare";

prepareDatabase().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
