import { seedIfEmpty } from "@/lib/db/seed";

seedIfEmpty().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
