/**
 * Tracker's one front door (docs/architecture.md, "Serving: one front door"; decision record 015).
 * Every request passes the edge (lib/http/edge.ts), then goes where this table says:
 *
 *   GET  /api/track/[token]/events             lib/api/track-events.ts   hot path
 *   GET  /api/staff/events                     lib/api/staff-events.ts   hot path
 *   POST /api/staff/orders/[id]/transitions    lib/api/transitions.ts    hot path
 *   everything else (pages, the other API routes, Next's files)           Next's request handler
 *
 * A hot path is the very function its `app/api/**\/route.ts` exports, served without Next's request
 * pipeline (lib/server/front-door.ts): per open stream Next keeps ~74 KB of suspended frames and
 * wrappers, and per status change it spent ~1.3 ms (decision record 015).
 *
 * `npm start`, `npm run demo`, `npm run start:cluster`, the bench, the screenshots and the e2e
 * servers all run this file as the build compiled it (scripts/build.ts, `serverCommand`);
 * `npm run dev` runs it under `tsx watch`. Flags: `-p PORT`, `-H HOST` (lib/server/listen.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import next from "next";
import * as staffEvents from "@/lib/api/staff-events";
import * as trackEvents from "@/lib/api/track-events";
import * as transitions from "@/lib/api/transitions";
import { startupProblems } from "@/lib/auth/startup";
import { applyRequestTimeouts, edgeSettings } from "@/lib/http/edge";
import { startWebhookDispatcher } from "@/lib/integrations/webhooks/dispatcher";
import { createFrontDoor, hotPath } from "@/lib/server/front-door";
import { listenAddresses, parseServerArgs } from "@/lib/server/listen";
import { installGracefulShutdown } from "@/lib/server/shutdown";

const HOT_PATHS = [
  hotPath("GET", trackEvents.path, trackEvents.GET),
  hotPath("GET", staffEvents.path, staffEvents.GET),
  hotPath("POST", transitions.path, transitions.POST),
];

async function main(): Promise<void> {
  const dev = process.env.NODE_ENV !== "production";
  const { port, hostname } = parseServerArgs(process.argv.slice(2), { PORT: process.env.PORT });
  // The app is the working directory's, as under `next start`.
  const app = next({ dev, hostname, port });
  const handleNext = app.getRequestHandler();
  // Side by side: the check waits on the database client's start (its query compiler is
  // WebAssembly, compiled off the main thread) and on scrypt in the thread pool, while Next loads
  // its modules on the main thread. One after the other, they took ~1 s longer to start.
  const [problems] = await Promise.all([startupProblems(), app.prepare()]);
  if (problems.length > 0) {
    console.error(["Tracker will not start in production with public defaults (TRACKER_DEMO=true runs the demo):", ...problems].join("\n  - "));
    process.exit(1);
  }

  const server = http.createServer(
    createFrontDoor({
      edge: edgeSettings(dev),
      hotPaths: HOT_PATHS,
      next: (req, res) => {
        handleNext(req, res).catch((error: unknown) => {
          console.error("[tracker] next", req.method, req.url, error);
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
      },
    }),
  );
  applyRequestTimeouts(server);
  installGracefulShutdown(server);
  server.listen(port, hostname, () => {
    console.log(`Tracker ${dev ? "(development) " : ""}ready on ${listenAddresses(server, hostname).join(", ")}`);
    // Every instance runs one; the endpoints' leases keep deliveries to one instance at a time.
    const { port: listening } = server.address() as AddressInfo;
    startWebhookDispatcher(process.env.TRACKER_INSTANCE_ID?.trim() || `${os.hostname()}:${listening}`);
  });
}

main().catch((error: unknown) => {
  console.error("[tracker] could not start:", error);
  process.exit(1);
});
