export { listWebhooks as GET, addWebhook as POST } from "@/lib/api/integrations";

export const dynamic = "force-dynamic";
