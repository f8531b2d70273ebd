import { afterEach, describe, expect, it, vi } from "vitest";
import { sealValue, unsealValue } from "./sealed";

const FIRST = "the first secret, thirty-two characters or more";
const SECOND = "the second secret, thirty-two characters or more";
const THIRD = "the third secret, thirty-two characters or more!";

afterEach(() => vi.unstubAllEnvs());

describe("sealed values", () => {
  it("open with the secret that sealed them, and hide what they hold", async () => {
    vi.stubEnv("TRACKER_SESSION_SECRET", FIRST);
    const sealed = await sealValue({ secret: "whsec_abc" });
    expect(sealed).not.toContain("whsec_abc");
    expect(await unsealValue(sealed)).toEqual({ value: { secret: "whsec_abc" }, stale: false });
  });

  it("open during a rotation, marked stale so they can be sealed again", async () => {
    vi.stubEnv("TRACKER_SESSION_SECRET", FIRST);
    const sealed = await sealValue({ secret: "whsec_abc" });
    vi.stubEnv("TRACKER_SESSION_SECRET", SECOND);
    vi.stubEnv("TRACKER_SESSION_SECRET_PREVIOUS", FIRST);
    expect(await unsealValue(sealed)).toEqual({ value: { secret: "whsec_abc" }, stale: true });
  });

  it("throw, never answer an empty value, once no configured secret sealed them", async () => {
    vi.stubEnv("TRACKER_SESSION_SECRET", FIRST);
    const sealed = await sealValue({ secret: "whsec_abc" });
    vi.stubEnv("TRACKER_SESSION_SECRET", THIRD);
    vi.stubEnv("TRACKER_SESSION_SECRET_PREVIOUS", SECOND);
    await expect(unsealValue(sealed)).rejects.toThrow(/cannot be opened/);
    await expect(unsealValue("not a seal")).rejects.toThrow(/cannot be opened/);
  });
});
