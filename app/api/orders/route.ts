export { POST } from "@/lib/api/orders";
