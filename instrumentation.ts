/** Runs once when a Next server process starts (https://nextjs.org/docs/app/guides/instrumentation). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupProblems } = await import("./lib/auth/startup");
  const problems = await startupProblems();
  if (problems.length > 0) {
    console.error(
      ["Tracker will not start in production with public defaults (TRACKER_DEMO=true runs the demo):", ...problems].join("\n  - "),
    );
    process.exit(1);
  }
  const { installShutdownHandlers } = await import("./lib/server/shutdown");
  installShutdownHandlers();
  // The event streams and status changes are served below Next in production
  // (lib/server/ingress.ts says why); `next dev` keeps the route handlers, so that edits reload.
  // TRACKER_INGRESS=next leaves them to Next everywhere. Either way the hook stamps each request
  // with its peer address, for the per-address limits.
  const { installIngress } = await import("./lib/server/ingress");
  installIngress({ bypass: process.env.NODE_ENV === "production" && process.env.TRACKER_INGRESS?.trim() !== "next" });
}
