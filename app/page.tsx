import Link from "next/link";
import { StatusIcon } from "@/components/StatusIcon";
import { STATUS_STYLES } from "@/components/status-styles";
import { PROGRESS, STATUS_LABELS } from "@/lib/orders/status";

const STEPS = [
  {
    title: "Order",
    body: "Pick from the menu and place your order. No account, no app to install.",
  },
  {
    title: "Get your link",
    body: "You land on a private tracking page. Bookmark it or keep it open.",
  },
  {
    title: "Watch it move",
    body: "Every step appears the moment the kitchen makes it, even after your connection drops.",
  },
];

export default function HomePage() {
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6 sm:py-16">
      <section className="grid items-center gap-10 md:grid-cols-2">
        <div>
          <p className="inline-flex items-center gap-2 rounded-full bg-brand-100 px-3 py-1 text-xs font-semibold text-brand-800 dark:bg-brand-950 dark:text-brand-200">
            <span className="size-1.5 rounded-full bg-brand-500" aria-hidden="true" />
            Live order tracking
          </p>
          <h1 className="mt-4 text-4xl font-extrabold tracking-tight text-balance sm:text-5xl">
            Know where your food is, <span className="text-brand-600 dark:text-brand-400">right now</span>.
          </h1>
          <p className="mt-4 text-lg text-pretty text-stone-600 dark:text-stone-300">
            Tracker follows every order from the moment it is placed to the moment it reaches your door. Customers watch
            a live timeline; the kitchen moves orders along with one tap.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link
              href="/order"
              className="rounded-full bg-brand-600 px-6 py-3 font-semibold text-white shadow-sm transition hover:bg-brand-700"
            >
              Place an order
            </Link>
            <Link
              href="/staff"
              className="rounded-full border border-stone-300 bg-white px-6 py-3 font-semibold text-stone-800 transition hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:hover:bg-stone-800"
            >
              Staff dashboard
            </Link>
          </div>
        </div>

        <figure
          aria-label="The steps of an order"
          className="rounded-3xl border border-stone-200 bg-white p-6 shadow-sm dark:border-stone-800 dark:bg-stone-900"
        >
          <ol className="space-y-3">
            {PROGRESS.map((status, index) => (
              <li key={status} className="flex items-center gap-3">
                <span
                  className={`flex size-9 items-center justify-center rounded-full ${
                    index === 2 ? `${STATUS_STYLES[status].dot} text-white dark:text-stone-950` : STATUS_STYLES[status].soft
                  }`}
                >
                  <StatusIcon status={status} className="size-5" />
                </span>
                <span className={index <= 2 ? "font-semibold" : "text-stone-500 dark:text-stone-400"}>
                  {STATUS_LABELS[status]}
                </span>
                {index === 2 && (
                  <span className="ml-auto rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                    now
                  </span>
                )}
              </li>
            ))}
          </ol>
        </figure>
      </section>

      <section aria-labelledby="how-heading" className="mt-16">
        <h2 id="how-heading" className="text-2xl font-bold tracking-tight">
          How it works
        </h2>
        <ol className="mt-6 grid gap-4 sm:grid-cols-3">
          {STEPS.map((step, index) => (
            <li
              key={step.title}
              className="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
            >
              <span className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-sm font-bold text-white">
                {index + 1}
              </span>
              <h3 className="mt-3 font-semibold">{step.title}</h3>
              <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
