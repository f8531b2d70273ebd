import { afterEach, describe, expect, it, vi } from "vitest";
import { refusedAddress, urlProblem } from "./target-guard";

afterEach(() => vi.unstubAllEnvs());

describe("the webhook target guard", () => {
  it("allows public unicast addresses only, IPv4 and IPv6, IPv4-mapped ones unwrapped", () => {
    for (const address of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]) expect(refusedAddress(address, false), address).toBeNull();
    for (const [address, range] of [
      ["127.0.0.1", "loopback"],
      ["::1", "loopback"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["192.168.1.1", "private"],
      ["169.254.169.254", "linkLocal"],
      ["fe80::1", "linkLocal"],
      ["fd00::1", "uniqueLocal"],
      ["0.0.0.0", "unspecified"],
      ["100.64.0.1", "carrierGradeNat"],
      ["::ffff:127.0.0.1", "loopback"],
      ["224.0.0.1", "multicast"],
    ]) {
      expect(refusedAddress(address as string, false), address).toMatch(new RegExp(`is a ${range} address`));
    }
    expect(refusedAddress("127.0.0.1", true)).toBeNull();
  });

  it("checks a URL's scheme, credentials, fragment and literal address as typed", () => {
    expect(urlProblem("https://hooks.example.com/tracker")).toBeNull();
    expect(urlProblem("not a url")).toMatch(/absolute URL/);
    expect(urlProblem("file:///etc/passwd")).toMatch(/http or https/);
    expect(urlProblem("https://a:b@example.com/")).toMatch(/credentials/);
    expect(urlProblem("https://example.com/#x")).toMatch(/fragment/);
    expect(urlProblem("http://[::1]:8080/")).toMatch(/loopback/);
    expect(urlProblem("http://169.254.169.254/latest/meta-data")).toMatch(/linkLocal/);
    vi.stubEnv("TRACKER_WEBHOOK_ALLOW_PRIVATE", "true");
    expect(urlProblem("http://[::1]:8080/")).toBeNull();
  });
});
