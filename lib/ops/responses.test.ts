import { afterEach, describe, expect, it } from "vitest";
import { opsHeaders } from "./responses";

const saved = process.env.TRACKER_INSTANCE_ID;
afterEach(() => {
  if (saved === undefined) delete process.env.TRACKER_INSTANCE_ID;
  else process.env.TRACKER_INSTANCE_ID = saved;
});

describe("opsHeaders", () => {
  it("forbids caching and names the instance when it has a name", () => {
    process.env.TRACKER_INSTANCE_ID = "app-2";
    expect(opsHeaders({ "Content-Type": "text/plain" })).toEqual({
      "Cache-Control": "no-store",
      "X-Tracker-Instance": "app-2",
      "Content-Type": "text/plain",
    });
  });

  it("sends no instance header for a single, unnamed instance", () => {
    delete process.env.TRACKER_INSTANCE_ID;
    expect(opsHeaders()).toEqual({ "Cache-Control": "no-store" });
  });
});
