import { describe, expect, it } from "vitest";
import { parseServerArgs } from "./listen";

describe("parseServerArgs", () => {
  it("takes the port from the flags, else PORT, else 3000, and every interface unless told", () => {
    expect(parseServerArgs([], {})).toEqual({ port: 3000, hostname: undefined });
    expect(parseServerArgs([], { PORT: "4000" })).toEqual({ port: 4000, hostname: undefined });
    expect(parseServerArgs(["-p", "5000", "-H", "127.0.0.1"], { PORT: "4000" })).toEqual({ port: 5000, hostname: "127.0.0.1" });
    expect(parseServerArgs(["--port", "0", "--hostname", "::1"], {})).toEqual({ port: 0, hostname: "::1" });
  });

  it("says what is wrong with a bad port or flag", () => {
    expect(() => parseServerArgs(["-p", "http"], {})).toThrow(/-p must be a port number/);
    expect(() => parseServerArgs([], { PORT: "70000" })).toThrow(/PORT must be a port number/);
    expect(() => parseServerArgs(["--verbose"], {})).toThrow(/unknown argument --verbose/);
    expect(() => parseServerArgs(["-H"], {})).toThrow(/needs a host/);
  });
});
