import Decimal from "decimal.js";

/** Decimal with room for 10,000 large amounts summed exactly; money never touches a JS float. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = Decimal;

// ISO 4217 minor units; the provider documents none, so every other currency gets 2.
const ZERO_DECIMAL_CURRENCIES = new Set(["JPY", "KRW", "VND", "XAF", "XOF"]);

export function minorUnits(currency: string): number {
  return ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2;
}

/** The decimal string the provider shows for an amount of this currency. */
export function formatAmount(value: Decimal.Value, currency: string): string {
  return new Money(value).toFixed(minorUnits(currency));
}

const DECIMAL_STRING = /^\d+(\.\d+)?$/;

/**
 * Reads an amount sent as a JSON number or a decimal string. A JSON number is read by its
 * shortest round-trip text (JSON.parse has already made it a double), which is exact for
 * any amount with a sane number of decimals.
 */
export function parseAmountInput(value: unknown): Decimal | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    return new Money(String(value));
  }
  if (typeof value === "string" && DECIMAL_STRING.test(value)) return new Money(value);
  return null;
}
