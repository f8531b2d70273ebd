export { DELETE, POST } from "@/lib/api/staff-session";
