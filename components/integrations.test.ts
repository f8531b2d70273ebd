import { describe, expect, it } from "vitest";
import { attemptOutcome, formatDuration, jsonified, webhookState } from "./integrations";

const healthy = { failures: 0, failingSince: null, nextAttemptAt: null, disabledAt: null, disabledReason: null };

describe("webhookState", () => {
  it("is ok while nothing fails", () => {
    expect(webhookState(healthy)).toEqual({ kind: "ok" });
  });

  it("is failing since the first failure, with the next attempt", () => {
    const failing = { ...healthy, failures: 3, failingSince: "2026-05-01T10:00:00.000Z", nextAttemptAt: "2026-05-01T10:00:05.000Z" };
    expect(webhookState(failing)).toEqual({
      kind: "failing",
      since: "2026-05-01T10:00:00.000Z",
      failures: 3,
      nextAttemptAt: "2026-05-01T10:00:05.000Z",
    });
  });

  it("is disabled with its reason, though the failure fields are still set", () => {
    const disabled = {
      failures: 40,
      failingSince: "2026-05-01T10:00:00.000Z",
      nextAttemptAt: null,
      disabledAt: "2026-05-02T10:00:00.000Z",
      disabledReason: "Disabled after failing since 2026-05-01T10:00:00.000Z; the last attempt (event 7) got HTTP 500.",
    };
    expect(webhookState(disabled)).toEqual({ kind: "disabled", at: "2026-05-02T10:00:00.000Z", reason: disabled.disabledReason });
    expect(webhookState({ ...disabled, disabledReason: null })).toMatchObject({ kind: "disabled", reason: expect.stringMatching(/no reason/) });
  });
});

describe("attemptOutcome", () => {
  it("counts a 2xx as delivered and anything else as not", () => {
    expect(attemptOutcome({ statusCode: 204, error: null })).toEqual({ delivered: true, text: "HTTP 204" });
    expect(attemptOutcome({ statusCode: 500, error: null })).toEqual({ delivered: false, text: "HTTP 500" });
    expect(attemptOutcome({ statusCode: 302, error: "redirect to /x not followed" })).toEqual({
      delivered: false,
      text: "HTTP 302: redirect to /x not followed",
    });
  });

  it("says why there was no status", () => {
    expect(attemptOutcome({ statusCode: null, error: "ECONNREFUSED" })).toEqual({ delivered: false, text: "ECONNREFUSED" });
    expect(attemptOutcome({ statusCode: null, error: null })).toEqual({ delivered: false, text: "No answer" });
  });
});

describe("formatDuration", () => {
  it("shows milliseconds under a second and seconds above", () => {
    expect(formatDuration(12.4)).toBe("12 ms");
    expect(formatDuration(999)).toBe("999 ms");
    expect(formatDuration(10_000)).toBe("10.0 s");
  });
});

describe("jsonified", () => {
  it("turns dates into the ISO strings the API answers with", () => {
    const at = new Date("2026-05-01T10:00:00.000Z");
    expect(jsonified({ at, nested: [{ at }], none: null })).toEqual({ at: at.toISOString(), nested: [{ at: at.toISOString() }], none: null });
  });
});
