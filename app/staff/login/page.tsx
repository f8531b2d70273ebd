import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Logo } from "@/components/Logo";
import { StaffLoginForm } from "@/components/StaffLoginForm";
import { getStaffFromCookies } from "@/lib/auth/page-session";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Staff sign in",
  robots: { index: false, follow: false },
};

export default async function StaffLoginPage() {
  if (await getStaffFromCookies()) redirect("/staff");
  return (
    <div className="flex flex-1 items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-3xl border border-stone-200 bg-white p-6 shadow-sm sm:p-8 dark:border-stone-800 dark:bg-stone-900">
        <Logo className="size-10" />
        <h1 className="mt-4 text-2xl font-bold tracking-tight">Staff sign in</h1>
        <p className="mt-1 mb-6 text-sm text-stone-600 dark:text-stone-300">
          Sign in to see open orders and move them along.
        </p>
        <StaffLoginForm />
      </div>
    </div>
  );
}
