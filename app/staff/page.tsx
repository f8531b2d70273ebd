import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { parseBoardFilter } from "@/components/board-filter";
import { StaffBoard } from "@/components/StaffBoard";
import { getStaffFromCookies } from "@/lib/auth/page-session";
import { listStaffOrders } from "@/lib/orders/queries";

// Reads the session cookie and the live order list: never prerendered or cached.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Staff board",
  robots: { index: false, follow: false },
};

export default async function StaffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await getStaffFromCookies();
  if (!staff) redirect("/staff/login");
  const { orders, cursor } = await listStaffOrders();
  // The search and filter live in the query, so a reload or a second screen shows the same board.
  const filter = parseBoardFilter(await searchParams);
  return <StaffBoard initialOrders={orders} cursor={cursor} staffName={staff.name} isOwner={staff.role === "owner"} initialFilter={filter} />;
}
