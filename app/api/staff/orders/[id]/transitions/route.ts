// A hot path: server.ts serves this same function without Next's request pipeline.
export { POST } from "@/lib/api/transitions";
