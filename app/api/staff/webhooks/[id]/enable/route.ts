export { enableWebhook as POST } from "@/lib/api/integrations";

export const dynamic = "force-dynamic";
