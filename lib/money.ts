import Decimal from "decimal.js";

// Money is a decimal string end to end (DESIGN "Money"): amounts enter as text, leave as
// text, and any arithmetic goes through decimal.js. Never through a JS number.

// 10,000 amounts of up to 15 integer and 3 fraction digits sum to at most 23 significant
// digits; the default precision (20) would round such a total.
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

// ISO 4217 exponents that differ from 2. The provider documents none (API.md "Unknowns"):
// it says to use ISO 4217, naming JPY, KRW, VND, XAF and XOF as whole-unit currencies.
const MINOR_UNITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

// Bounds the input so a pasted wall of digits is refused rather than stored; 15 integer
// digits is far above any payout limit in any currency the provider serves.
const MAX_INTEGER_DIGITS = 15;

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const GROUPED_THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export type ParseAmountResult = { ok: true; value: string } | { ok: false; message: string };

/** Digits after the decimal point that `currency` allows (ISO 4217; 2 when not listed). */
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency.toUpperCase()] ?? 2;
}

/**
 * Reads an amount typed in a form or a CSV cell: plain digits with an optional dot, more
 * than zero, within the currency's decimals. Returns it with exactly that many decimals.
 */
export function parseAmount(text: string, currency: string): ParseAmountResult {
  const trimmed = text.trim();
  const decimals = minorUnits(currency);
  const example = decimals === 0 ? "1000" : `1000.${"5".padEnd(decimals, "0")}`;
  if (trimmed === "") return { ok: false, message: "Enter an amount" };
  // Commas are refused, not read: "1,000" is one thousand in en-US but one in de-DE, and
  // a guess on a payout amount is a thousandfold error.
  if (GROUPED_THOUSANDS.test(trimmed)) {
    return { ok: false, message: `Remove the thousands separators (write ${example})` };
  }
  if (trimmed.includes(",")) return { ok: false, message: `Use a dot for decimals (write ${example})` };
  if (trimmed.startsWith("-")) return { ok: false, message: "Amount must be more than 0" };
  if (/^[\d.]+e[+-]?\d+$/i.test(trimmed)) {
    return { ok: false, message: `Write the amount in full, without an exponent (like ${example})` };
  }
  const match = PLAIN_DECIMAL.exec(trimmed);
  if (!match) return { ok: false, message: `Enter a plain number, like ${example}` };
  const integerDigits = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  // Trailing zeros carry no value ("100.00" VND is exactly 100), so only the others count.
  const significantDecimals = (match[2] ?? "").replace(/0+$/, "");
  if (significantDecimals.length > decimals) {
    const allowed = decimals === 0 ? "no decimals" : `at most ${decimals} decimal${decimals === 1 ? "" : "s"}`;
    return { ok: false, message: `${currency.toUpperCase()} allows ${allowed}` };
  }
  if (integerDigits.length > MAX_INTEGER_DIGITS) return { ok: false, message: "Amount is too large" };
  const value = new Money(trimmed);
  if (value.isZero()) return { ok: false, message: "Amount must be more than 0" };
  return { ok: true, value: value.toFixed(decimals) };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (decimal strings). */
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  return new Money(a).cmp(b) as -1 | 0 | 1;
}

/** Exact sum of decimal strings, as a plain decimal string ("0" for an empty list). */
export function sumAmounts(amounts: readonly string[]): string {
  let total = new Money(0);
  for (const amount of amounts) total = total.plus(amount);
  return total.toFixed();
}

/**
 * Display text for an amount with its currency code, e.g. "PHP 1,234.50" (a no-break
 * space after the code). The code, not a symbol: "$" alone would not say CAD or USD.
 * The locale defaults to a fixed one so server and browser render the same text.
 */
export function formatAmount(value: string, currency: string, locale = "en-US"): string {
  const code = currency.toUpperCase();
  const decimals = minorUnits(code);
  const digits = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  // Intl formats a decimal string exactly (no float conversion), so it takes the string.
  const exact = value as Intl.StringNumericLiteral;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code, currencyDisplay: "code", ...digits })
      .format(exact);
  } catch (error) {
    // Codes outside ISO 4217 (the provider's USDC) are refused by Intl as a currency.
    if (!(error instanceof RangeError)) throw error;
    return `${code}\u00a0${new Intl.NumberFormat(locale, digits).format(exact)}`;
  }
}
