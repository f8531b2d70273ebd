import { afterEach, describe, expect, it, vi } from "vitest";
import { API_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { sseResponse, streamHeaders } from "./response";

describe("sseResponse", () => {
  it("answers 200 with the architecture's headers and streams the body", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("retry: 2000\n\n"));
        controller.close();
      },
    });
    const response = sseResponse(body);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("connection")).toBe("keep-alive");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(await response.text()).toBe("retry: 2000\n\n");
  });

  it("carries the security headers of every API answer (the ingress sends streams where Next adds none)", () => {
    const headers = new Headers(streamHeaders());
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(headers.get(name), name).toBe(value);
    expect(headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("names the instance that holds the stream when the instance has a name", () => {
    const empty = () => new ReadableStream<Uint8Array>();
    expect(sseResponse(empty()).headers.has("x-tracker-instance")).toBe(false);
    vi.stubEnv("TRACKER_INSTANCE_ID", "app-2");
    expect(sseResponse(empty()).headers.get("x-tracker-instance")).toBe("app-2");
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});
