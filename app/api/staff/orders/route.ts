export { GET } from "@/lib/api/staff-orders";

export const dynamic = "force-dynamic";
