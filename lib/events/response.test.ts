import { describe, expect, it } from "vitest";
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
});
