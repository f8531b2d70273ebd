export { removeWebhook as DELETE } from "@/lib/api/integrations";

export const dynamic = "force-dynamic";
