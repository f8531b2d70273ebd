export { GET } from "@/lib/api/openapi/route";

export const dynamic = "force-dynamic";
