export { GET } from "@/lib/api/track";

export const dynamic = "force-dynamic";
