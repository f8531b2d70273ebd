/**
 * A hot path's pattern is written once, beside its handler, as its folder under app/ spells it
 * (server.ts serves it from there); this holds each one to the route file Next would serve at
 * that path, and that file to the same function.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as staffEvents from "./staff-events";
import * as trackEvents from "./track-events";
import * as transitions from "./transitions";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the hot paths", () => {
  for (const [module, endpoint, method] of [
    ["track-events", trackEvents, "GET"],
    ["staff-events", staffEvents, "GET"],
    ["transitions", transitions, "POST"],
  ] as const) {
    it(`${method} ${endpoint.path} is the route file at that folder, re-exporting lib/api/${module}.ts`, () => {
      const route = readFileSync(path.join(ROOT, "app", ...endpoint.path.split("/").filter(Boolean), "route.ts"), "utf8");
      expect(route).toMatch(new RegExp(`export \\{ ${method} \\} from "@/lib/api/${module}";`));
      expect(typeof (endpoint as Record<string, unknown>)[method]).toBe("function");
    });
  }
});
