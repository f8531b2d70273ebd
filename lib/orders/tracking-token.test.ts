import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db/client";
import { copyDatabase, everyCell } from "@/test/support/copy-database";
import { useFreshDatabase } from "@/test/support/databases";
import { getTrackingSnapshot, resolveTrackingStream } from "./queries";
import { createOrder, transitionOrder } from "./service";
import { newTrackingToken, trackingTokenHash } from "./tracking-token";

describe("newTrackingToken", () => {
  it("draws 32 URL-safe characters (192 bits), a new one each time", () => {
    const tokens = Array.from({ length: 100 }, newTrackingToken);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe("trackingTokenHash", () => {
  it("is the lowercase hex SHA-256 of the token's UTF-8 bytes, as the migration computes it in SQL", () => {
    // FIPS 180-2's "abc" vector.
    expect(trackingTokenHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // "é" as its UTF-8 bytes C3 A9, not as Latin-1 E9 or UTF-16.
    expect(trackingTokenHash("é")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    expect(trackingTokenHash(newTrackingToken())).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a copy of the database", () => {
  let url: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ url, cleanup } = await useFreshDatabase());
  });
  afterAll(() => cleanup());

  it("holds no raw token, and nothing in it opens an order", async () => {
    const { id } = await upsertStaffUser(db(), { email: "copy@example.com", name: "Copy", password: "pw-123456" });
    const actor = { kind: "staff" as const, id, name: "Copy" };
    const placed = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createOrder({ customerName: `Guest ${i}`, items: [{ name: "Tea", quantity: 1 }], note: `note ${i}` })),
    );
    for (const { order } of placed.slice(0, 3)) {
      const moved = await transitionOrder({ orderId: order.id, to: "confirmed", expectedVersion: 1, actor, note: "ok" });
      expect(moved.ok).toBe(true);
    }
    // The links work (so the checks below are not passing on an empty or broken database).
    for (const { order, trackingToken } of placed) expect((await getTrackingSnapshot(trackingToken))?.order.id).toBe(order.id);

    const copy = await copyDatabase(url);
    expect(copy.tables.get("Order")).toHaveLength(placed.length);
    const cells = everyCell(copy);
    const text = cells.join("\n");
    for (const { trackingToken } of placed) {
      expect(text).not.toContain(trackingToken);
      expect(copy.files.some((bytes) => bytes.includes(trackingToken))).toBe(false);
    }
    // Every value in the copy (ids, codes, stored hashes, names, timestamps...), tried as a link.
    for (const cell of new Set(cells)) {
      expect(await getTrackingSnapshot(cell), cell).toBeNull();
      expect(await resolveTrackingStream(cell, null), cell).toEqual({ kind: "not_found" });
    }
  });
});
