import { asc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { transactions, type Transaction } from "../db/schema";

/** One page of a batch's transactions in batch order (the read-only batch view pages through them). */
export async function listBatchTransactions(db: Db, input: { batchId: string; offset: number; limit: number }): Promise<Transaction[]> {
  return db
    .select()
    .from(transactions)
    .where(eq(transactions.batchId, input.batchId))
    .orderBy(asc(transactions.position))
    .offset(input.offset)
    .limit(input.limit);
}
