import { describe, expect, it } from "vitest";
import { parseExposition, sample } from "./exposition";

describe("parseExposition", () => {
  it("reads each series by its printed name and labels, skipping comments", () => {
    const scrape = parseExposition(
      [
        "# HELP tracker_open_streams Event streams open on this instance, by kind.",
        "# TYPE tracker_open_streams gauge",
        'tracker_open_streams{kind="customer"} 3',
        'tracker_open_streams{kind="staff"} 0',
        "tracker_hub_running 1",
        'tracker_hub_lag_seconds_bucket{le="+Inf"} 7',
        'odd{label="two words"} 0.25',
        "",
      ].join("\n"),
    );
    expect([...scrape]).toEqual([
      ['tracker_open_streams{kind="customer"}', 3],
      ['tracker_open_streams{kind="staff"}', 0],
      ["tracker_hub_running", 1],
      ['tracker_hub_lag_seconds_bucket{le="+Inf"}', 7],
      ['odd{label="two words"}', 0.25],
    ]);
  });

  it("names a missing series instead of answering undefined", () => {
    expect(() => sample(parseExposition("a 1\n"), "b")).toThrow("no series b");
    expect(sample(parseExposition("a 1\n"), "a")).toBe(1);
  });
});
