import { prepareDatabase } from "@/lib/setup/prepare";

prepareDatabase().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
