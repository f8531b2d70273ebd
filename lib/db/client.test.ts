import { afterEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "./client";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("createPrismaClient", () => {
  it("refuses a pool size that is not a positive integer, naming the variable", () => {
    for (const bad of ["0", "-3", "ten", "2.5"]) {
      vi.stubEnv("TRACKER_DB_POOL_MAX", bad);
      expect(() => createPrismaClient("postgres://tracker@127.0.0.1:1/none")).toThrow(
        `TRACKER_DB_POOL_MAX must be a positive integer (got "${bad}").`,
      );
    }
  });
});
