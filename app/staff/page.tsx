import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { StaffBoard } from "@/components/StaffBoard";
import { getStaffFromCookies } from "@/lib/auth/session";
import { listStaffOrders } from "@/lib/orders/queries";

// Reads the session cookie and the live order list: never prerendered or cached.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Staff board",
  robots: { index: false, follow: false },
};

export default async function StaffPage() {
  const staff = await getStaffFromCookies();
  if (!staff) redirect("/staff/login");
  const { orders, cursor } = await listStaffOrders();
  return <StaffBoard initialOrders={orders} cursor={cursor} staffName={staff.name} />;
}
