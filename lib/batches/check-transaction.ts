import type { z } from "zod";
import type { RowError } from "@/lib/db/schema/transactions";
import { parseAmount } from "@/lib/money";
import type { TransactionInput, TransactionValue } from "@/lib/methods/transaction-schema";

// Client-safe: the editor marks rows with it as they are typed, and the server stores what it says.

type TransactionSchema = z.ZodType<TransactionValue, TransactionInput>;

/** A transaction as stored: the valid value, or what was typed with its errors (a draft keeps both). */
export type CheckedTransaction = {
  firstName: string;
  lastName: string;
  email: string;
  /** Null when the amount could not be read at all (then rawAmount holds what was typed). */
  amount: string | null;
  rawAmount: string | null;
  externalId: string | null;
  params: Record<string, string>;
  errors: RowError[] | null;
};

function toRowErrors(error: z.ZodError): RowError[] {
  return error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
}

/** The row's problems as field path ("amount", "params.bank_code") and message; empty when valid. */
export function transactionErrors(schema: TransactionSchema, input: TransactionInput): RowError[] {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : toRowErrors(parsed.error);
}

/** Validates one transaction with the method's schema and shapes it for storage. */
export function checkTransaction(schema: TransactionSchema, currency: string, input: TransactionInput): CheckedTransaction {
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const value = parsed.data;
    return {
      firstName: value.first_name,
      lastName: value.last_name,
      email: value.email,
      amount: value.amount,
      rawAmount: null,
      externalId: value.external_id ?? null,
      params: value.params,
      errors: null,
    };
  }
  const errors = toRowErrors(parsed.error);
  // An amount that reads but breaks a limit still counts toward the draft's running total.
  const amount = parseAmount(input.amount, currency);
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.params)) if (value) params[key] = value;
  return {
    firstName: input.first_name,
    lastName: input.last_name,
    email: input.email,
    amount: amount.ok ? amount.value : null,
    rawAmount: amount.ok ? null : input.amount,
    externalId: input.external_id ? input.external_id : null,
    params,
    errors,
  };
}
