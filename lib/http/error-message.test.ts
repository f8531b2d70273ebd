import { describe, expect, it } from "vitest";
import { CROSS_SITE_MESSAGE, refusalMessage, SERVER_FAULT_MESSAGE } from "./error-message";

const answer = (code: string, message: string) => ({ error: { code, message } });

describe("refusalMessage", () => {
  it("explains a cross-site refusal instead of quoting its headers", () => {
    const body = answer("cross_site", "Cross-site requests cannot change anything here (Sec-Fetch-Site is cross-site).");
    expect(refusalMessage(403, body)).toBe(CROSS_SITE_MESSAGE);
    expect(refusalMessage(403, { error: { code: "cross_site" } })).toBe(CROSS_SITE_MESSAGE);
    expect(CROSS_SITE_MESSAGE).not.toMatch(/on our side/);
  });

  it.each([
    [429, answer("too_many_requests", "Too many failed sign-ins. Try again in 42 seconds."), "Too many failed sign-ins. Try again in 42 seconds."],
    [401, answer("unauthorized", "Wrong email or password."), "Wrong email or password."],
    [400, answer("invalid_body", "customerName: Too big: expected string to have <=100 characters"), "customerName: Too big: expected string to have <=100 characters."],
    [409, answer("stale_version", "Order A1B2 was changed by someone else (now version 3, Ready)."), "Order A1B2 was changed by someone else (now version 3, Ready)."],
    [409, answer("illegal_transition", "Order A1B2 cannot go from Cancelled to Ready."), "Order A1B2 cannot go from Cancelled to Ready."],
    [403, answer("forbidden", "Only managers may do that."), "Only managers may do that."],
    [413, answer("payload_too_large", "The body must be at most 16384 bytes."), "The body must be at most 16384 bytes."],
  ])("shows the server's own message for a %i", (status, body, shown) => {
    expect(refusalMessage(status, body)).toBe(shown);
  });

  it("falls back to the page's sentence, or the status, for a 4xx without a message", () => {
    expect(refusalMessage(400, null, "The order was not accepted. Check it and try again.")).toBe(
      "The order was not accepted. Check it and try again.",
    );
    expect(refusalMessage(403, "<html>Forbidden</html>")).toBe("The server refused this request (HTTP 403).");
    expect(refusalMessage(404, { error: { code: "not_found", message: "   " } })).toBe("The server refused this request (HTTP 404).");
    expect(refusalMessage(400, { error: { code: "invalid_body", message: 7 } }, "Check the form")).toBe("Check the form.");
    expect(refusalMessage(400, { error: "bad" }, "Check the form.")).toBe("Check the form.");
  });

  it("keeps 'on our side' for the server's own failures, whatever their message", () => {
    expect(refusalMessage(500, null)).toBe(SERVER_FAULT_MESSAGE);
    expect(refusalMessage(502, "<html>Bad Gateway</html>")).toBe(SERVER_FAULT_MESSAGE);
    expect(refusalMessage(503, answer("shutting_down", "This server is restarting; reconnect in a moment."))).toBe(SERVER_FAULT_MESSAGE);
    expect(SERVER_FAULT_MESSAGE).toMatch(/^Something went wrong on our side/);
  });

  it("never says 'on our side' for a 4xx", () => {
    for (let status = 400; status < 500; status += 1) {
      expect(refusalMessage(status, null)).not.toMatch(/on our side/);
      expect(refusalMessage(status, answer("x", "y"))).not.toMatch(/on our side/);
    }
  });
});
