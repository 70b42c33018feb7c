import { and, asc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, riskFlags, transactions } from "../db/schema";
import { flagMessage, type StoredFlagCode } from "./flag-message";
import type { BatchFlags, RiskFlagCode, RiskSeverity } from "./flags";

/** How many flags the approval panel lists with why; the summary counts them all. */
export const LISTED_FLAGS = 200;

/** A batch's risk flags: counted per code, and the first `limit` in row order, each with why it fired. */
export async function listBatchFlags(ctx: ServiceContext, input: { batchId: string; limit?: number }): Promise<BatchFlags> {
  const { batchId, limit = LISTED_FLAGS } = input;
  const counts = await ctx.db
    .select({ code: riskFlags.code, count: sql<number>`count(*)::int` })
    .from(riskFlags)
    .where(eq(riskFlags.batchId, batchId))
    .groupBy(riskFlags.code);
  const rows = await ctx.db
    .select({
      code: riskFlags.code,
      severity: riskFlags.severity,
      details: riskFlags.details,
      transactionId: riskFlags.transactionId,
      payeeId: riskFlags.payeeId,
      position: transactions.position,
      email: transactions.email,
      amount: transactions.amount,
      currency: batches.currency,
    })
    .from(riskFlags)
    .innerJoin(transactions, and(eq(transactions.batchId, riskFlags.batchId), eq(transactions.id, riskFlags.transactionId)))
    .innerJoin(batches, eq(batches.id, riskFlags.batchId))
    .where(eq(riskFlags.batchId, batchId))
    .orderBy(asc(transactions.position), asc(riskFlags.id))
    .limit(limit);
  return {
    total: counts.reduce((sum, item) => sum + item.count, 0),
    counts: counts.map((item) => ({ code: item.code as RiskFlagCode, count: item.count })),
    listed: rows.map(({ details, email, amount, currency, ...row }) => {
      const code = row.code as StoredFlagCode;
      return { ...row, code, severity: row.severity as RiskSeverity, message: flagMessage(code, details, { position: row.position, email, amount }, currency) };
    }),
  };
}
