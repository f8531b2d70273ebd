export { listKeys as GET, createKey as POST } from "@/lib/api/integrations";

export const dynamic = "force-dynamic";
