import { describe, expect, it } from "vitest";
import { chromiumArgs, findChromium, INSTALL_HINT } from "./chromium";

const present = (...files: string[]) => (file: string) => files.includes(file);
const none = () => null;

describe("findChromium", () => {
  it("prefers CHROMIUM_PATH over everything else", () => {
    const choice = findChromium({
      env: { CHROMIUM_PATH: "/opt/chrome" },
      systemPaths: ["/usr/bin/chromium"],
      exists: present("/opt/chrome", "/usr/bin/chromium"),
    });
    expect(choice).toEqual({ path: "/opt/chrome", source: "CHROMIUM_PATH" });
  });

  it("reports a CHROMIUM_PATH that does not exist instead of skipping it", () => {
    expect(() =>
      findChromium({ env: { CHROMIUM_PATH: "/nope" }, systemPaths: ["/usr/bin/chromium"], exists: present("/usr/bin/chromium") }),
    ).toThrow(/CHROMIUM_PATH=\/nope does not exist/);
  });

  it("takes the first system browser that exists, before Playwright's download", () => {
    const choice = findChromium({
      env: {},
      systemPaths: ["/usr/bin/chromium", "/usr/bin/chromium-browser"],
      playwrightPath: () => "/cache/chrome",
      exists: present("/usr/bin/chromium-browser", "/cache/chrome"),
    });
    expect(choice).toEqual({ path: "/usr/bin/chromium-browser", source: "system" });
  });

  it("falls back to Playwright's download only when its file exists", () => {
    const options = { env: {}, systemPaths: ["/usr/bin/chromium"], playwrightPath: () => "/cache/chrome" };
    expect(findChromium({ ...options, exists: present("/cache/chrome") }).source).toBe("playwright");
    expect(() => findChromium({ ...options, exists: present() })).toThrow(INSTALL_HINT);
  });

  it("names the install command when there is no browser at all", () => {
    expect(() => findChromium({ env: {}, systemPaths: [], playwrightPath: none, exists: present() })).toThrow(
      "No Chromium found. Install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH)",
    );
  });
});

describe("chromiumArgs", () => {
  it("keeps Chromium off Google's hosts and adds --no-sandbox only for root", () => {
    expect(chromiumArgs(1000)).toEqual([
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ]);
    expect(chromiumArgs(0)).toContain("--no-sandbox");
    expect(chromiumArgs(null)).not.toContain("--no-sandbox");
  });
});
