import { disconnectDb } from "@/lib/db/client";
import { seedIfEmpty } from "@/lib/setup/seed";

seedIfEmpty()
  .finally(() => disconnectDb())
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
