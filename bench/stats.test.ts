import { describe, expect, it } from "vitest";
import { median, percentile, roundFigure } from "./stats";

describe("percentile", () => {
  it("interpolates between the two nearest ranks", () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55);
  });

  it("does not depend on the order of the values", () => {
    expect(percentile([40, 10, 30, 20], 75)).toBe(32.5);
  });

  it("gives the extremes at 0 and 100, and the value itself for one value", () => {
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([7], 99)).toBe(7);
  });

  it("refuses no values and a percentile outside 0..100", () => {
    expect(() => percentile([], 50)).toThrow("no values");
    expect(() => percentile([1], 101)).toThrow("not within");
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("roundFigure", () => {
  it("keeps three significant digits below 100 and whole numbers above", () => {
    expect(roundFigure(0.123456)).toBe(0.123);
    expect(roundFigure(12.3456)).toBe(12.3);
    expect(roundFigure(1234.56)).toBe(1235);
  });
});
