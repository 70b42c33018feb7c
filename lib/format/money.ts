import { formatAmount, minorUnits } from "../money";

// Client-safe. The one amount formatter: every page, table and message uses it.

/**
 * "MYR 119,470.99": grouping and the currency's minor units, exact from the decimal string (no
 * float); `{ code: false }` for a column whose header names the currency. Null reads "—".
 */
export function formatMoney(value: string | null, currency: string, options: { code?: boolean } = {}): string {
  if (value === null) return "—";
  if (options.code === false) {
    const decimals = minorUnits(currency);
    return new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value as Intl.StringNumericLiteral);
  }
  return formatAmount(value, currency);
}

/** "1,234" */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
