import { sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { compareAmounts, formatAmount } from "../money";
import type { RiskFlagView } from "./flags";

/**
 * "Balance short": this batch's total plus every other approved-but-unsubmitted batch in the
 * currency (approved, submitting) is above Hello Clever's available balance. Read when the
 * approver looks, since the balance moves; null when it covers them all.
 */
export async function balanceShortFlag(ctx: ServiceContext, input: { batchId: string; currency: string; total: string; available: string }): Promise<RiskFlagView | null> {
  const [row] = (await ctx.db.execute(sql`
    select coalesce(sum(total_amount), 0)::text as committed, count(*)::int as batches,
      (coalesce(sum(total_amount), 0) + ${input.total}::numeric)::text as needed
    from batches where currency = ${input.currency} and status in ('approved', 'submitting') and id <> ${input.batchId}::uuid`)) as unknown as { committed: string; batches: number; needed: string }[];
  if (!row || compareAmounts(row.needed, input.available) <= 0) return null;
  const money = (value: string) => formatAmount(value, input.currency);
  return {
    code: "balance_short",
    severity: "high",
    message: `This batch (${money(input.total)}) and ${row.batches} approved batch${row.batches === 1 ? "" : "es"} not yet sent (${money(row.committed)}) need ${money(row.needed)}; Hello Clever has ${money(input.available)} available`,
    transactionId: null,
    position: null,
    payeeId: null,
  };
}
