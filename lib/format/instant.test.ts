import { describe, expect, it } from "vitest";
import { chosenTimeZone, exactInstant, formatInstant, utcToWallTime, wallTimeToUtc } from "./instant";

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

describe("wall-clock time in a zone (the Scheduled at field)", () => {
  it("reads a datetime-local value in the chosen zone and shows an instant back in it", () => {
    expect(wallTimeToUtc("2030-01-31T17:00", "Asia/Manila")).toBe("2030-01-31T09:00:00.000Z");
    expect(wallTimeToUtc("2030-01-31T17:00", "UTC")).toBe("2030-01-31T17:00:00.000Z");
    expect(wallTimeToUtc("2030-07-01T09:30", "Europe/London")).toBe("2030-07-01T08:30:00.000Z"); // summer time
    expect(wallTimeToUtc("2030-01-01T09:30", "Europe/London")).toBe("2030-01-01T09:30:00.000Z");
    expect(utcToWallTime("2030-01-31T09:00:00.000Z", "Asia/Manila")).toBe("2030-01-31T17:00");
    expect(utcToWallTime("2030-07-01T08:30:00Z", "Europe/London")).toBe("2030-07-01T09:30");
  });
  it("round-trips across a zone's clock change, and leaves blank and bad text to the schema", () => {
    // 02:30 does not exist in New York on 10 March 2030: it moves forward, as the clock does.
    expect(wallTimeToUtc("2030-03-10T02:30", "America/New_York")).toBe("2030-03-10T07:30:00.000Z");
    expect(utcToWallTime(wallTimeToUtc("2030-11-03T08:15", "America/New_York"), "America/New_York")).toBe("2030-11-03T08:15");
    expect(wallTimeToUtc("", "Asia/Manila")).toBeUndefined();
    expect(wallTimeToUtc("tomorrow", "Asia/Manila")).toBe("tomorrow");
    expect(utcToWallTime(null, "UTC")).toBe("");
  });
});
