import type { RiskFlagCode } from "./flags";

/**
 * What a stored flag records beyond its code and its row: the facts its message names that the
 * row does not hold. A 10,000-row batch stores up to 30,000 flags, so each keeps these few facts
 * (most none) and its sentence is written when it is read, from the row's own values.
 */
export type RiskFlagDetails = {
  /** payee_not_approved: the payee was added to the book from this batch. */
  newPayee?: true;
  /** account_mismatch: what differs, masked ("account_number •••• 6780 in the row, •••• 7777 approved"). */
  changes?: string;
  /** account_changed: the day the payee's approved details changed (YYYY-MM-DD). */
  changedOn?: string;
  /** account_changed at submit: the window it fell in (RISK_RECENT_CHANGE_DAYS). */
  withinDays?: number;
  /** account_mismatch / account_changed raised on an open batch by a payee change approved after it was made. */
  afterBatch?: true;
  /** above_usual: the payee's median earlier payout on the method, how many, and the factor exceeded. */
  median?: string;
  earlier?: number;
  factor?: number;
  /** duplicate within the batch: the first row (1-based) with the same payee and amount. */
  sameAsRow?: number;
  /** duplicate of a recent batch: that batch and the day it was made (YYYY-MM-DD). */
  sameAsBatch?: { id: string; day: string };
  /** A flag stored before sentences were written on reading (migration 0023): its sentence as stored. */
  text?: string;
};

/** The row a flag is on, as its sentence names it. */
export type FlaggedRow = { position: number; email: string; amount: string | null };

/** The codes stored on rows ("balance short" is computed when read, a missing contact refuses the submit). */
export type StoredFlagCode = Exclude<RiskFlagCode, "balance_short" | "contact_missing">;

/** Why a flag fired, in one sentence that names the row, the payee and the values involved. */
export function flagMessage(code: StoredFlagCode, details: RiskFlagDetails | null, row: FlaggedRow, currency: string): string {
  if (details?.text) return details.text;
  const facts = details ?? {};
  const n = row.position + 1;
  const email = row.email.trim().toLowerCase();
  const amount = `${row.amount ?? ""} ${currency}`;
  switch (code) {
    case "payee_not_approved":
      return facts.newPayee
        ? `Row ${n}: ${email} is new to the payee book (added from this batch); someone other than its maker must approve the payee`
        : `Row ${n}: ${email} is in the payee book but not yet approved`;
    case "account_mismatch":
      return `Row ${n}: account details differ from ${email}'s ${facts.afterBatch ? "newly approved" : "approved"} details (${facts.changes})`;
    case "account_changed":
      return `Row ${n}: ${email}'s account details were changed on ${facts.changedOn}, ${facts.afterBatch ? "after this batch was made" : `within the last ${facts.withinDays} days`}`;
    case "first_payout":
      return `Row ${n}: first payout to ${email} on this method`;
    case "above_usual":
      return `Row ${n}: ${amount} is more than ${facts.factor}× ${email}'s median payout of ${facts.median} (${facts.earlier} earlier)`;
    case "duplicate":
      return facts.sameAsBatch
        ? `Row ${n}: same payee and amount (${amount}) as batch ${facts.sameAsBatch.id.slice(0, 8)} of ${facts.sameAsBatch.day}`
        : `Row ${n}: same payee and amount (${amount}) as row ${facts.sameAsRow} of this batch`;
    default:
      throw new Error(`No sentence for a stored risk flag of code ${String(code satisfies never)}`);
  }
}
