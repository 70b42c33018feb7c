// Client-safe: a payee from the book as a batch row (the picker, "Add payees", "Pay again").
import type { TransactionInput } from "../methods/transaction-schema";

/** How many payees the batch editor's picker shows for one search. */
export const PICKER_LIMIT = 20;

/** What the batch editor needs of a payee: the approved details, and whether they are approved. */
export type PayeeForEditor = { id: string; name: string; email: string; status: "pending_approval" | "active"; params: Record<string, string> };

/** "Maria de la Cruz" → first "Maria", last "de la Cruz"; one word is a last name too (the provider needs both). */
export function splitPayeeName(name: string): { first_name: string; last_name: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { first_name: words[0] ?? "", last_name: words[0] ?? "" };
  return { first_name: words[0]!, last_name: words.slice(1).join(" ") };
}

/**
 * The row paying `payee` with its approved account details, for the method's fields only. The
 * amount and external id come from the row being filled (kept when a row is re-pointed).
 */
export function payeeRowInput(payee: PayeeForEditor, fieldKeys: readonly string[], keep: Pick<TransactionInput, "amount" | "external_id"> = { amount: "" }): TransactionInput {
  const params: Record<string, string> = {};
  for (const key of fieldKeys) if (payee.params[key] !== undefined) params[key] = payee.params[key];
  return { ...splitPayeeName(payee.name), email: payee.email, amount: keep.amount, external_id: keep.external_id ?? "", params };
}
