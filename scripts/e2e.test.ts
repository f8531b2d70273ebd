/** The e2e runner must never test a stale build: the fingerprint that decides it (scripts/build.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceFingerprint } from "./build";

let root: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "tracker-fingerprint-"));
  write("app/page.tsx", "export default function Page() { return null; }");
  write("lib/orders/status.ts", "export const A = 1;");
  write("package-lock.json", "{}");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("sourceFingerprint", () => {
  it("changes when a source file's content changes, even with the same size and mtime", () => {
    const before = sourceFingerprint(root, {});
    write("lib/orders/status.ts", "export const A = 2;");
    expect(sourceFingerprint(root, {})).not.toBe(before);
  });

  it("changes when a file is added, deleted or renamed", () => {
    const before = sourceFingerprint(root, {});
    write("components/New.tsx", "x");
    const added = sourceFingerprint(root, {});
    expect(added).not.toBe(before);
    rmSync(path.join(root, "components/New.tsx"));
    expect(sourceFingerprint(root, {})).toBe(before);
    rmSync(path.join(root, "app/page.tsx"));
    write("app/home.tsx", "export default function Page() { return null; }");
    expect(sourceFingerprint(root, {})).not.toBe(before);
  });

  it("changes with the lockfile and with NEXT_PUBLIC_ variables, which end up in the bundle", () => {
    const before = sourceFingerprint(root, {});
    expect(sourceFingerprint(root, { NEXT_PUBLIC_SHOP: "x" })).not.toBe(before);
    expect(sourceFingerprint(root, { SECRET: "x" })).toBe(before);
    write("package-lock.json", '{"next":"16"}');
    expect(sourceFingerprint(root, {})).not.toBe(before);
  });

  it("ignores what cannot change the build: outputs, databases, tests, docs, node_modules", () => {
    const before = sourceFingerprint(root, {});
    write(".next-e2e/BUILD_ID", "abc");
    write(".next/cache/x", "y");
    write("node_modules/next/index.js", "z");
    write("data/tracker.db", "sqlite");
    write("e2e/a.spec.ts", "test");
    write("lib/orders/status.test.ts", "test");
    write("README.md", "# hi");
    write("next-env.d.ts", "/// <reference />");
    expect(sourceFingerprint(root, {})).toBe(before);
  });
});
