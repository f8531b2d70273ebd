export { revokeKey as DELETE } from "@/lib/api/integrations";

export const dynamic = "force-dynamic";
