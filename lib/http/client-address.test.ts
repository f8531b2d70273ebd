import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", null, 0)).toBe("203.0.113.9");
    expect(resolveClientAddress(undefined, null, 0)).toBe("unknown");
  });

  it("is the entry the outermost trusted proxy appended, never one the client wrote", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    expect(resolveClientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", 2)).toBe("203.0.113.9");
    expect(resolveClientAddress("127.0.0.1", null, 1)).toBe("127.0.0.1");
  });
});
