import { and, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { payees } from "../db/schema";
import { PICKER_LIMIT, type PayeeForEditor } from "./payee-row";
import type { PayeePickerQuery } from "./schemas";
import { searchPayees } from "./search-payees";

function forEditor(payee: { id: string; name: string; email: string; status: string; params: Record<string, string> }): PayeeForEditor | null {
  // A payee whose first approval was refused is not offered: paying it needs a new, approved payee.
  if (payee.status !== "active" && payee.status !== "pending_approval") return null;
  return { id: payee.id, name: payee.name, email: payee.email, status: payee.status, params: payee.params };
}

/**
 * The batch editor's payee picker: a method's payees by name, email or account number, approved
 * ones first, with the approved account details (makers need them to pay; the caller holds
 * `batches.edit`). A pending change is not offered: the row pays the approved details.
 */
export async function findPayeesForEditor(ctx: ServiceContext, input: PayeePickerQuery): Promise<PayeeForEditor[]> {
  const found = await searchPayees(ctx, { q: input.q, methodName: input.method, limit: PICKER_LIMIT });
  return found.flatMap((payee) => forEditor(payee) ?? []);
}

/** One payee of a method, for "Pay again" (null when it is not there or cannot be paid). */
export async function findPayeeForEditor(ctx: ServiceContext, input: { payeeId: string; method: string }): Promise<PayeeForEditor | null> {
  const [payee] = await ctx.db
    .select()
    .from(payees)
    .where(and(eq(payees.id, input.payeeId), eq(payees.methodName, input.method), inArray(payees.status, ["active", "pending_approval"])));
  return payee ? forEditor(payee) : null;
}
