import { describe, expect, it } from "vitest";
import { providerOf } from "./provider";

describe("providerOf", () => {
  it("reads SQLite from file: and PostgreSQL from either postgres scheme", () => {
    expect(providerOf("file:./data/tracker.db")).toBe("sqlite");
    expect(providerOf("postgres://tracker@db:5432/tracker")).toBe("postgresql");
    expect(providerOf("postgresql://tracker@db/tracker?sslmode=require")).toBe("postgresql");
  });

  it("names the scheme it cannot use, and never echoes the rest (it may hold a password)", () => {
    expect(() => providerOf("mysql://root:secret@db/tracker")).toThrow(/not mysql:\.$/);
    expect(() => providerOf("mysql://root:secret@db/tracker")).not.toThrow(/secret/);
    expect(() => providerOf("tracker.db")).toThrow(/must start with file:/);
  });
});
