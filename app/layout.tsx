import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Logo } from "@/components/Logo";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tracker: live order tracking", template: "%s · Tracker" },
  description: "Order from the shop and watch your order move from the kitchen to your door, live.",
  applicationName: "Tracker",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafaf9" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0a09" },
  ],
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Every page renders per request: its scripts carry the nonce of that request's
  // Content-Security-Policy (set by the edge, lib/http/edge.ts), which a page prerendered at build time cannot know.
  await connection();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main"
          className="sr-only rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-30 border-b border-stone-200/80 bg-stone-50/85 backdrop-blur dark:border-stone-800/80 dark:bg-stone-950/85">
          <div className="mx-auto flex h-14 max-w-[100rem] items-center justify-between gap-4 px-4 sm:px-6">
            <Link href="/" className="flex items-center gap-2 rounded-lg font-bold tracking-tight">
              <Logo className="size-7" />
              <span className="text-lg">Tracker</span>
            </Link>
            <nav aria-label="Main" className="flex items-center gap-1 text-sm font-medium">
              <Link
                href="/order"
                className="rounded-full bg-brand-700 px-4 py-1.5 text-white shadow-sm transition hover:bg-brand-800"
              >
                Order now
              </Link>
              <Link
                href="/staff"
                className="rounded-full px-3 py-1.5 text-stone-600 transition hover:bg-stone-200/70 hover:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white"
              >
                Staff
              </Link>
            </nav>
          </div>
        </header>
        <main id="main" className="flex flex-1 flex-col">
          {children}
        </main>
        <footer className="border-t border-stone-200 py-6 text-center text-xs text-stone-500 dark:border-stone-800 dark:text-stone-400">
          Tracker · live order tracking for kitchens that deliver
        </footer>
      </body>
    </html>
  );
}
