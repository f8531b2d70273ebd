// A hot path: server.ts serves this same function without Next's request pipeline.
export { GET } from "@/lib/api/track-events";

export const dynamic = "force-dynamic";
