import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { riskFlags, transactions } from "../db/schema";
import type { RiskFlagCode, RiskFlagView, RiskSeverity } from "./flags";

/** A batch's risk flags, in row order (batch-level ones first), each with why it fired. */
export async function listBatchFlags(db: Db, batchId: string): Promise<RiskFlagView[]> {
  const rows = await db
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
    .orderBy(sql`${transactions.position} asc nulls first`, asc(riskFlags.id));
  return rows.map((row) => ({ ...row, code: row.code as RiskFlagCode, severity: row.severity as RiskSeverity }));
}
