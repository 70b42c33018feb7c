import { minorUnits } from "@/lib/money";

/** "2026-01-31 09:12:45" from the ISO UTC text the history queries return (the column says UTC). */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** An amount with grouping and the currency's decimals, from its decimal string (no float). */
export function formatDecimal(value: string | null, currency: string): string {
  if (value === null) return "—";
  const decimals = minorUnits(currency);
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value as Intl.StringNumericLiteral);
}
