import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CALLBACK, safeCallback } from "./safe-callback";

const ORIGIN = "http://localhost:3000";

describe("safeCallback", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallback("/approvals", ORIGIN)).toBe("/approvals");
    expect(safeCallback("/history?view=batches&q=abc", ORIGIN)).toBe("/history?view=batches&q=abc");
    expect(safeCallback(["/audit", "/x"], ORIGIN)).toBe("/audit");
  });

  it.each([
    "/\\127.0.0.1:9999/x",
    "/%09/host",
    "/%5c127.0.0.1/x",
    "//evil.example/x",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n//evil.example",
    "https://evil.example/",
    "http://localhost:3000/batches", // absolute, even same-origin: not a path
    "javascript:alert(1)",
    "\\\\evil.example",
    " /batches",
    "",
    undefined,
    42,
  ])("refuses %j", (value) => {
    expect(safeCallback(value, ORIGIN)).toBe(DEFAULT_CALLBACK);
  });

  it("never yields anything a browser would send off-site (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `/\\${s}`)), (value) => {
        const path = safeCallback(value, ORIGIN);
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
        expect(path).not.toMatch(/[\\\u0000-\u001f]/);
        expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
      }),
      { numRuns: 2000 },
    );
  });
});
