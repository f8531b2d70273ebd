export { GET } from "@/lib/api/metrics";

export const dynamic = "force-dynamic";
