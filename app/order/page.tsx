import type { Metadata } from "next";
import { OrderForm } from "@/components/OrderForm";

export const metadata: Metadata = {
  title: "Place an order",
};

export default function OrderPage() {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-12">
      <header className="mb-8 max-w-2xl">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Place an order</h1>
        <p className="mt-2 text-stone-600 dark:text-stone-300">
          Choose what you’d like. Once you order, you can follow it live from the kitchen to your door.
        </p>
      </header>
      <OrderForm />
    </div>
  );
}
