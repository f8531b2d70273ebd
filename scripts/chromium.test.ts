import { describe, expect, it } from "vitest";
import { chromiumArgs, findChromium, installHint, preflightProblem } from "./chromium";

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
    expect(() => findChromium({ ...options, exists: present(), uid: 1000 })).toThrow(installHint(1000));
  });

  it("names the install command when there is no browser at all, with sudo only for a user who needs it", () => {
    const nothing = { env: {}, systemPaths: [], playwrightPath: none, exists: present() };
    expect(() => findChromium({ ...nothing, uid: 1000 })).toThrow(
      "No Chromium found. Install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH)",
    );
    // Root in a container often has no sudo to type.
    expect(() => findChromium({ ...nothing, uid: 0 })).toThrow(
      "No Chromium found. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH)",
    );
  });
});

describe("preflightProblem", () => {
  it("is nothing to say when a browser is found", () => {
    expect(preflightProblem(() => ({ path: "/usr/bin/chromium", source: "system" }))).toBeNull();
  });

  it("says why npm test stops early, the finder's install command, and how to run the unit tests alone", () => {
    const problem = preflightProblem(() => findChromium({ env: {}, systemPaths: [], playwrightPath: none, exists: present(), uid: 0 }));
    expect(problem?.split("\n")).toEqual([
      "npm test stops before the unit tests: the end-to-end tests that follow them drive Chromium. " +
        "No Chromium found. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH)",
      "The unit tests alone need no browser: npm run test:unit",
    ]);
  });

  it("relays the finder's complaint about a CHROMIUM_PATH that does not exist", () => {
    const problem = preflightProblem(() => findChromium({ env: { CHROMIUM_PATH: "/nope" }, exists: present(), uid: 1000 }));
    expect(problem).toContain("CHROMIUM_PATH=/nope does not exist.");
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
