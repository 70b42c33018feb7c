import { describe, expect, it } from "vitest";
import { compareAmounts, formatAmount, minorUnits, parseAmount, sumAmounts } from "./money";

const NBSP = "\u00a0";

describe("minorUnits", () => {
  it("gives 0 for the whole-unit currencies the provider names", () => {
    for (const currency of ["JPY", "KRW", "VND", "XAF", "XOF"]) expect(minorUnits(currency)).toBe(0);
  });

  it("gives 0 for other ISO 4217 whole-unit currencies", () => {
    for (const currency of ["CLP", "ISK", "UGX"]) expect(minorUnits(currency)).toBe(0);
  });

  it("gives 3 for the three-decimal dinars and rials", () => {
    for (const currency of ["BHD", "KWD", "OMR", "JOD", "TND"]) expect(minorUnits(currency)).toBe(3);
  });

  it("gives 2 for PHP, MYR, IDR and unknown codes such as USDC", () => {
    for (const currency of ["PHP", "MYR", "IDR", "USDC"]) expect(minorUnits(currency)).toBe(2);
  });

  it("ignores the case of the code", () => {
    expect(minorUnits("vnd")).toBe(0);
  });
});

describe("parseAmount", () => {
  it("accepts whole and decimal amounts and pads them to the currency's decimals", () => {
    expect(parseAmount("1000", "PHP")).toEqual({ ok: true, value: "1000.00" });
    expect(parseAmount("1000.5", "PHP")).toEqual({ ok: true, value: "1000.50" });
    expect(parseAmount("0.01", "PHP")).toEqual({ ok: true, value: "0.01" });
    expect(parseAmount("1.005", "KWD")).toEqual({ ok: true, value: "1.005" });
  });

  it("accepts whole amounts for VND and KRW and keeps them whole", () => {
    expect(parseAmount("250000", "VND")).toEqual({ ok: true, value: "250000" });
    expect(parseAmount("5000", "KRW")).toEqual({ ok: true, value: "5000" });
  });

  it("trims surrounding whitespace and leading zeros", () => {
    expect(parseAmount("  0042.10 ", "PHP")).toEqual({ ok: true, value: "42.10" });
  });

  it("accepts trailing zeros beyond the currency's decimals because they change nothing", () => {
    expect(parseAmount("100.00", "VND")).toEqual({ ok: true, value: "100" });
    expect(parseAmount("1.500", "PHP")).toEqual({ ok: true, value: "1.50" });
  });

  it("keeps amounts beyond float precision exact", () => {
    expect(parseAmount("900719925474099.99", "PHP")).toEqual({ ok: true, value: "900719925474099.99" });
  });

  it("rejects an empty amount", () => {
    expect(parseAmount("", "PHP")).toEqual({ ok: false, message: "Enter an amount" });
    expect(parseAmount("   ", "PHP")).toEqual({ ok: false, message: "Enter an amount" });
  });

  it("rejects a third decimal for PHP", () => {
    expect(parseAmount("10.005", "PHP")).toEqual({ ok: false, message: "PHP allows at most 2 decimals" });
  });

  it("rejects any decimal for VND and KRW", () => {
    expect(parseAmount("1000.5", "VND")).toEqual({ ok: false, message: "VND allows no decimals" });
    expect(parseAmount("1000.5", "krw")).toEqual({ ok: false, message: "KRW allows no decimals" });
  });

  it("rejects thousands separators with the plain form to write instead", () => {
    expect(parseAmount("1,000.50", "PHP")).toEqual({
      ok: false,
      message: "Remove the thousands separators (write 1000.50)",
    });
    expect(parseAmount("1,000,000", "VND")).toEqual({
      ok: false,
      message: "Remove the thousands separators (write 1000)",
    });
  });

  it("rejects a decimal comma", () => {
    expect(parseAmount("1000,50", "PHP")).toEqual({ ok: false, message: "Use a dot for decimals (write 1000.50)" });
  });

  it("rejects negative amounts", () => {
    expect(parseAmount("-5", "PHP")).toEqual({ ok: false, message: "Amount must be more than 0" });
  });

  it("rejects zero however it is written", () => {
    for (const text of ["0", "0.00", "000"]) {
      expect(parseAmount(text, "PHP")).toEqual({ ok: false, message: "Amount must be more than 0" });
    }
  });

  it("rejects exponent notation", () => {
    expect(parseAmount("1e3", "PHP")).toEqual({
      ok: false,
      message: "Write the amount in full, without an exponent (like 1000.50)",
    });
    expect(parseAmount("1.5E+2", "PHP")).toMatchObject({ ok: false });
  });

  it("rejects non-numeric text and leading or trailing junk", () => {
    for (const text of ["abc", "PHP 100", "100 PHP", "₱100", "+100", ".5", "5.", "1.2.3", "1 000", "0x10", "Infinity", "NaN"]) {
      expect(parseAmount(text, "PHP"), text).toEqual({ ok: false, message: "Enter a plain number, like 1000.50" });
    }
  });

  it("rejects an amount with more than 15 integer digits", () => {
    expect(parseAmount("1".repeat(16), "PHP")).toEqual({ ok: false, message: "Amount is too large" });
    expect(parseAmount("9".repeat(15), "PHP")).toMatchObject({ ok: true });
  });
});

describe("compareAmounts", () => {
  it("compares by value, not by text", () => {
    expect(compareAmounts("9.5", "10")).toBe(-1);
    expect(compareAmounts("200.00", "200")).toBe(0);
    expect(compareAmounts("50000.01", "50000")).toBe(1);
  });

  it("distinguishes amounts a float would merge", () => {
    expect(compareAmounts("9007199254740993", "9007199254740992")).toBe(1);
    expect(compareAmounts("0.1000000000000000000001", "0.1")).toBe(1);
  });

  it("orders negative amounts below zero and below smaller negatives", () => {
    expect(compareAmounts("-5", "0")).toBe(-1);
    expect(compareAmounts("-10.5", "-10.25")).toBe(-1);
    expect(compareAmounts("-0.00", "0")).toBe(0);
  });

  it("refuses text that is not a plain decimal amount", () => {
    for (const text of ["", "abc", "1e3", "1,000", " 5", "-"]) expect(() => compareAmounts(text, "1"), text).toThrow(RangeError);
  });
});

describe("sumAmounts", () => {
  it("sums exactly where floats drift", () => {
    expect(sumAmounts(["0.10", "0.20"])).toBe("0.3");
  });

  it("gives 0 for no amounts", () => {
    expect(sumAmounts([])).toBe("0");
  });

  it("sums amounts with different numbers of decimals", () => {
    expect(sumAmounts(["1000", "0.005", "12.5"])).toBe("1012.505");
    expect(sumAmounts(["250000", "5000"])).toBe("255000");
  });

  it("sums negative amounts, down to a negative total", () => {
    expect(sumAmounts(["10.50", "-0.50"])).toBe("10");
    expect(sumAmounts(["-0.25", "0.05"])).toBe("-0.2");
    expect(sumAmounts(["-0.25", "0.25"])).toBe("0");
  });

  it("keeps every digit of a large total", () => {
    const amounts = Array.from({ length: 10_000 }, () => "999999999999999.999");
    expect(sumAmounts(amounts)).toBe("9999999999999999990");
  });
});

describe("formatAmount", () => {
  it("shows the code and the currency's decimals", () => {
    expect(formatAmount("1234.5", "PHP")).toBe(`PHP${NBSP}1,234.50`);
    expect(formatAmount("1234567", "VND")).toBe(`VND${NBSP}1,234,567`);
    expect(formatAmount("1.5", "KWD")).toBe(`KWD${NBSP}1.500`);
  });

  it("formats amounts beyond float precision exactly", () => {
    expect(formatAmount("12345678901234567.89", "PHP")).toBe(`PHP${NBSP}12,345,678,901,234,567.89`);
  });

  it("formats codes Intl does not know, such as USDC", () => {
    expect(formatAmount("1000", "USDC")).toBe(`USDC${NBSP}1,000.00`);
  });

  it("follows the given locale", () => {
    expect(formatAmount("1234.5", "PHP", "de-DE")).toBe(`1.234,50${NBSP}PHP`);
  });
});
