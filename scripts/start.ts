/**
 * `npm start`: migrate, seed an empty database, build when needed, then run server.ts on PORT
 * (3000). The server runs as a child so that Ctrl-C and SIGTERM reach it directly.
 */
import { spawn } from "node:child_process";
import { ROOT, buildIfStale, distDir, serverCommand } from "./build";
import { prepareDatabase } from "@/lib/setup/prepare";

async function main(): Promise<void> {
  await prepareDatabase();
  buildIfStale(distDir());
  const server = spawn(process.execPath, serverCommand(distDir(), ...process.argv.slice(2)), {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir(), NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
