import type { Metadata } from "next";
import Link from "next/link";
import { OrderForm } from "@/components/OrderForm";
import { anonymousOrdersAllowed } from "@/lib/auth/deployment";
import { getStaffFromCookies } from "@/lib/auth/page-session";

export const metadata: Metadata = {
  title: "Place an order",
};

export default async function OrderPage() {
  // Where anonymous ordering is off (`npm start`'s default), staff can still take an order at the counter.
  const open = anonymousOrdersAllowed() || (await getStaffFromCookies()) !== null;
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-12">
      <header className="mb-8 max-w-2xl">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Place an order</h1>
        <p className="mt-2 text-stone-600 dark:text-stone-300">
          {open
            ? "Choose what you’d like. Once you order, you can follow it live from the kitchen to your door."
            : "Online ordering is not open here. Order at the counter or through the shop’s own website, and follow your order with the link you get."}
        </p>
      </header>
      {open ? (
        <OrderForm />
      ) : (
        <p data-testid="ordering-closed" className="max-w-2xl text-sm text-stone-600 dark:text-stone-400">
          Staff can take orders here once they have{" "}
          <Link href="/staff/login" className="font-medium text-brand-700 underline dark:text-brand-400">
            signed in
          </Link>
          .
        </p>
      )}
    </div>
  );
}
