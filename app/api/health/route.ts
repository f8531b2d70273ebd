export { GET } from "@/lib/api/health";

export const dynamic = "force-dynamic";
