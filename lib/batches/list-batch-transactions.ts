import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { transactions, type Transaction } from "../db/schema";

/** One page of a batch's transactions in batch order, optionally only those with one provider status ("not_sent": none yet). */
export async function listBatchTransactions(ctx: ServiceContext, input: { batchId: string; offset: number; limit: number; status?: string | null }): Promise<Transaction[]> {
  const conditions: SQL[] = [eq(transactions.batchId, input.batchId)];
  if (input.status === "not_sent") conditions.push(isNull(transactions.providerStatus));
  else if (input.status) conditions.push(eq(transactions.providerStatus, input.status));
  return ctx.db
    .select()
    .from(transactions)
    .where(and(...conditions))
    .orderBy(asc(transactions.position))
    .offset(input.offset)
    .limit(input.limit);
}
