import { describe, expect, it } from "vitest";
import { sourceAddresses } from "./limits";

describe("sourceAddresses", () => {
  it("gives each address at most half the port range, and at most 10,000 streams", () => {
    // Linux's default range, 32768-60999.
    expect(sourceAddresses(10_050, 28_232)).toEqual(["127.0.0.1", "127.0.0.2"]);
    expect(sourceAddresses(20_050, 28_232)).toEqual(["127.0.0.1", "127.0.0.2", "127.0.0.3"]);
    expect(sourceAddresses(305, 28_232)).toEqual(["127.0.0.1"]);
    expect(sourceAddresses(20_050, 1_000)).toHaveLength(41);
  });

  it("refuses more streams than 127.0.0.1-254 can carry, saying what would help", () => {
    expect(() => sourceAddresses(20_050, 100)).toThrow(/need 401 source addresses of 50 ports each .*ip_local_port_range/);
  });
});
