import { describe, expect, it } from "vitest";
import { actorPhrase, orderSource } from "./actor";

describe("actor phrases", () => {
  it("says who changed an order, a person or a system", () => {
    expect(actorPhrase({ kind: "staff", id: "s1", name: "Kim" })).toBe("by Kim");
    expect(actorPhrase({ kind: "api_key", id: "k1", name: "Till 2" })).toBe("via Till 2");
  });

  it("names where an order came from, with the placing system's number when it gave one", () => {
    expect(orderSource({ source: "Till 2", externalId: "1042" })).toBe("Till 2 #1042");
    expect(orderSource({ source: "Web shop", externalId: null })).toBe("Web shop");
    expect(orderSource({ source: null, externalId: null })).toBeNull();
  });
});
