import { asc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { riskFlags, transactions } from "../db/schema";
import type { BatchFlags, RiskFlagCode, RiskSeverity } from "./flags";

/** How many flags the approval panel lists with why; the summary counts them all. */
export const LISTED_FLAGS = 200;

/** A batch's risk flags: counted per code, and the first `limit` in row order (batch-level ones first), each with why it fired. */
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
      message: riskFlags.message,
      transactionId: riskFlags.transactionId,
      payeeId: riskFlags.payeeId,
      position: transactions.position,
    })
    .from(riskFlags)
    .leftJoin(transactions, eq(transactions.id, riskFlags.transactionId))
    .where(eq(riskFlags.batchId, batchId))
    .orderBy(sql`${transactions.position} asc nulls first`, asc(riskFlags.id))
    .limit(limit);
  return {
    total: counts.reduce((sum, item) => sum + item.count, 0),
    counts: counts.map((item) => ({ code: item.code as RiskFlagCode, count: item.count })),
    listed: rows.map((row) => ({ ...row, code: row.code as RiskFlagCode, severity: row.severity as RiskSeverity })),
  };
}
