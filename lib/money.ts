// Money is a decimal string end to end (DESIGN "Money"): amounts enter as text, leave as
// text, and the arithmetic here (compare, sum) is exact on BigInt integers scaled by a power
// of ten. Never through a JS number. No decimal library: this module runs in the browser
// too (the editor's running total), and the few operations it needs don't justify its bytes.

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
  if (/^0*$/.test(integerDigits + significantDecimals)) return { ok: false, message: "Amount must be more than 0" };
  const fraction = significantDecimals.padEnd(decimals, "0");
  return { ok: true, value: decimals === 0 ? integerDigits : `${integerDigits}.${fraction}` };
}

const DECIMAL_STRING = /^([+-]?)(\d*)(?:\.(\d*))?$/;

type Scaled = { units: bigint; scale: number };

/** "-12.50" → { units: -1250n, scale: 2 }; refuses anything but a plain decimal string. */
function toScaled(value: string): Scaled {
  const match = DECIMAL_STRING.exec(value);
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || whole + fraction === "") throw new RangeError(`Not a decimal amount: ${JSON.stringify(value)}`);
  const units = BigInt(`${whole}${fraction}` || "0");
  return { units: match[1] === "-" ? -units : units, scale: fraction.length };
}

/** The same amount counted in units of 10^-scale (scale at least its own). */
function rescale(amount: Scaled, scale: number): bigint {
  return amount.units * 10n ** BigInt(scale - amount.scale);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (decimal strings). */
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  const left = toScaled(a);
  const right = toScaled(b);
  const scale = Math.max(left.scale, right.scale);
  const difference = rescale(left, scale) - rescale(right, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** Exact sum of decimal strings, as a plain decimal string ("0" for an empty list). */
export function sumAmounts(amounts: readonly string[]): string {
  const scaled = amounts.map(toScaled);
  const scale = scaled.reduce((most, amount) => Math.max(most, amount.scale), 0);
  let total = 0n;
  for (const amount of scaled) total += rescale(amount, scale);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  // Trailing zeros of the fraction carry no value: 0.10 + 0.20 is "0.3".
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
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
