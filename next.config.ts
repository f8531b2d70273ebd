import type { NextConfig } from "next";

// Security headers are not set here: every request passes the edge in server.ts
// (lib/http/edge.ts), which sets them for pages and everything else alike.
const nextConfig: NextConfig = {
  // Lets parallel builds (tests, benchmarks) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // prom-client: one copy per process, so the metrics that server.ts's hot paths and Next's route
  // bundles count into (lib/sse/counters.ts) are one library's objects.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "prom-client"],
};

export default nextConfig;
