/** Runs once when a Next server process starts (https://nextjs.org/docs/app/guides/instrumentation). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installShutdownHandlers } = await import("./lib/server/shutdown");
  installShutdownHandlers();
  // The event streams and status changes are served below Next in production
  // (lib/server/ingress.ts says why); `next dev` keeps the route handlers, so that edits reload.
  // TRACKER_INGRESS=next leaves them to Next everywhere.
  if (process.env.NODE_ENV === "production" && process.env.TRACKER_INGRESS?.trim() !== "next") {
    const { installIngress } = await import("./lib/server/ingress");
    installIngress();
  }
}
