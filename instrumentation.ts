/** Runs once when a Next server process starts (https://nextjs.org/docs/app/guides/instrumentation). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installShutdownHandlers } = await import("./lib/server/shutdown");
  installShutdownHandlers();
}
