// Client-safe: the flag codes, their severity and labels, shared by the approval panel and /approvals.

export const RISK_FLAG_CODES = [
  "payee_not_approved",
  "account_mismatch",
  "account_changed",
  "first_payout",
  "duplicate",
  "above_usual",
  "balance_short",
  "contact_missing",
] as const;
export type RiskFlagCode = (typeof RISK_FLAG_CODES)[number];
export type RiskSeverity = "high" | "medium" | "low";

export const RISK_FLAG_LABELS: Record<RiskFlagCode, string> = {
  payee_not_approved: "Payee not approved",
  account_mismatch: "Account differs from payee book",
  account_changed: "Account details changed recently",
  first_payout: "First payout to this payee",
  duplicate: "Likely duplicate",
  above_usual: "Far above this payee's usual",
  balance_short: "Balance short",
  contact_missing: "Contact/KYC missing",
};

export const RISK_FLAG_SEVERITY: Record<RiskFlagCode, RiskSeverity> = {
  payee_not_approved: "high",
  account_mismatch: "high",
  account_changed: "high",
  first_payout: "medium",
  duplicate: "high",
  above_usual: "medium",
  balance_short: "high",
  contact_missing: "high",
};

/** A flag as shown: what fired, how serious, and why (the message names the row's values). */
export type RiskFlagView = { code: RiskFlagCode; severity: RiskSeverity; message: string; transactionId: string | null; position: number | null; payeeId: string | null };

/** How many flags of one code a batch has. */
export type FlagCount = { code: RiskFlagCode; count: number };

/**
 * A batch's flags as the approval panel shows them: every flag counted, and the first ones (in row
 * order) listed with why; a 10,000-row batch can carry 20,000 flags, too many to send to a page.
 */
export type BatchFlags = { total: number; counts: FlagCount[]; listed: RiskFlagView[] };

/** Summary for the approval panel and the approve confirmation: count per code, high first. */
export function summariseFlags(counts: readonly FlagCount[]): { code: RiskFlagCode; severity: RiskSeverity; label: string; count: number }[] {
  const order: Record<RiskSeverity, number> = { high: 0, medium: 1, low: 2 };
  return counts
    .filter((item) => item.count > 0)
    .map(({ code, count }) => ({ code, severity: RISK_FLAG_SEVERITY[code], label: RISK_FLAG_LABELS[code], count }))
    .sort((a, b) => order[a.severity] - order[b.severity] || RISK_FLAG_CODES.indexOf(a.code) - RISK_FLAG_CODES.indexOf(b.code));
}

/** `flags` with one more, computed on the page (balance short): first in the list, counted. */
export function withFlag(flags: BatchFlags, flag: RiskFlagView): BatchFlags {
  const counted = flags.counts.some((item) => item.code === flag.code);
  return {
    total: flags.total + 1,
    counts: counted ? flags.counts.map((item) => (item.code === flag.code ? { ...item, count: item.count + 1 } : item)) : [...flags.counts, { code: flag.code, count: 1 }],
    listed: [flag, ...flags.listed],
  };
}

export const SECOND_APPROVAL_ON_HIGH_FLAG = "second_approval_on_high_flag";
