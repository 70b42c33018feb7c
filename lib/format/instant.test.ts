import { describe, expect, it } from "vitest";
import { chosenTimeZone, exactInstant, formatInstant } from "./instant";

describe("formatInstant", () => {
  const at = "2030-01-31T09:00:05Z";
  it("names the zone, UTC by default", () => {
    expect(formatInstant(at)).toBe("31 Jan 2030, 09:00 UTC");
    expect(formatInstant(new Date(at), { timeZone: "Asia/Manila" })).toBe("31 Jan 2030, 17:00 GMT+8");
    expect(formatInstant(null)).toBe("—");
    expect(formatInstant(at, { timeZone: "Not/AZone" })).toBe("31 Jan 2030, 09:00 UTC");
  });
  it("is exact to the second, with UTC beside, on hover", () => {
    expect(exactInstant(at, "Asia/Manila")).toBe("31 Jan 2030, 17:00:05 GMT+8 (31 Jan 2030, 09:00:05 UTC)");
    expect(exactInstant(at, "UTC")).toBe("31 Jan 2030, 09:00:05 UTC");
  });
});

describe("chosenTimeZone", () => {
  it("reads the user menu's cookie as the browser writes it, and ignores what is not a zone", () => {
    expect(chosenTimeZone("Asia%2FManila")).toBe("Asia/Manila");
    expect(chosenTimeZone("UTC")).toBe("UTC");
    expect(chosenTimeZone(undefined)).toBeNull();
    expect(chosenTimeZone("")).toBeNull();
    expect(chosenTimeZone("Not%2FAZone")).toBeNull();
    expect(chosenTimeZone("%E0%A4%A")).toBeNull(); // malformed escape
  });
});
