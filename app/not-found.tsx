import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto flex w-full max-w-lg flex-1 flex-col items-center justify-center px-4 py-16 text-center">
      <p className="font-mono text-sm font-semibold text-brand-600 dark:text-brand-400">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">We can’t find that page</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-300">
        If you followed a tracking link, check that it was copied whole. The link is the only way to see an order, so
        we cannot look it up by name.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link href="/" className="rounded-full border border-stone-300 px-5 py-2.5 font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
          Home
        </Link>
        <Link href="/order" className="rounded-full bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
          Place an order
        </Link>
      </div>
    </div>
  );
}
