import { afterEach, describe, expect, it, vi } from "vitest";
import { sseResponse } from "./response";

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
