import { and, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { payees } from "../db/schema";
import { changedParams } from "./mask";

export type RowMatch =
  | { kind: "new" }
  | { kind: "known"; payeeId: string; status: string }
  /** The row pays other account details than the payee's approved ones: flagged, never changed. */
  | { kind: "differs"; payeeId: string; status: string; fields: string[] };

/**
 * CSV row → known payee (by method and email), used by the batch editor at import and by the
 * risk step at submit. A row whose account differs from the approved details is reported with
 * the fields that differ; the row itself is left exactly as typed.
 */
export async function matchRowsToPayees(
  ctx: ServiceContext,
  input: { methodName: string; rows: ReadonlyArray<{ email: string; params: Record<string, string> }> },
): Promise<RowMatch[]> {
  const { methodName, rows } = input;
  const emails = [...new Set(rows.map((row) => row.email.trim().toLowerCase()))].filter(Boolean);
  const found = emails.length ? await ctx.db.select().from(payees).where(and(eq(payees.methodName, methodName), inArray(payees.email, emails))) : [];
  const byEmail = new Map(found.map((payee) => [payee.email, payee]));
  return rows.map((row) => {
    const payee = byEmail.get(row.email.trim().toLowerCase());
    if (!payee) return { kind: "new" };
    const fields = payee.status === "active" ? changedParams(payee.params, row.params) : [];
    return fields.length > 0 ? { kind: "differs", payeeId: payee.id, status: payee.status, fields } : { kind: "known", payeeId: payee.id, status: payee.status };
  });
}
