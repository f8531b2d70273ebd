import type { NextConfig } from "next";
import { API_SECURITY_HEADERS } from "./lib/http/security-headers";

// What is not a page (the API, Next's own scripts and stylesheets) gets fixed security headers
// here, where Next sets them without running proxy.ts (~2-3 ms of CPU a request); pages get
// theirs, with a fresh nonce, from proxy.ts, whose matcher leaves these paths out.
const notPageHeaders = Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // Lets parallel builds (tests, benchmarks) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // prom-client: one copy per process, so the metrics that the ingress, the routes and
  // instrumentation each count into (lib/ops/counters.ts) are one library's objects.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "prom-client"],
  async headers() {
    return [
      { source: "/api/:path*", headers: notPageHeaders },
      { source: "/_next/:path*", headers: notPageHeaders },
    ];
  },
};

export default nextConfig;
