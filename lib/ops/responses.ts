import "server-only";
import { instanceHeader } from "@/lib/sse/response";

/**
 * Headers of the operations answers: never cached (a cached "healthy" or a cached count is a
 * lie), and which instance answered (TRACKER_INSTANCE_ID, set by `npm run start:cluster`), since
 * behind a balancer each instance reports only itself.
 */
export function opsHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "Cache-Control": "no-store", ...instanceHeader(), ...extra };
}
