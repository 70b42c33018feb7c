import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db";
import { batches, payoutMethods, transactions, type RowError } from "../db/schema";
import { methodForFormFromRow, type MethodUsability } from "../methods/get-method-for-form";
import type { TransactionInput } from "../methods/transaction-schema";

export type DraftForEditor = {
  batch: { id: string; version: number; methodName: string; currency: string; description: string; scheduledAt: Date | null };
  method: MethodUsability;
  /** In batch order, each as typed (or as stored, when it was valid) with the errors it was saved with. */
  rows: Array<{ input: TransactionInput; errors: RowError[] | null }>;
};

/** A draft of `makerId` with its rows, ready to edit; null when it is not that maker's draft. */
export async function getBatchForEditor(db: Db, input: { batchId: string; makerId: string }): Promise<DraftForEditor | null> {
  const [row] = await db
    .select({ batch: batches, method: payoutMethods })
    .from(batches)
    .innerJoin(payoutMethods, eq(payoutMethods.name, batches.methodName))
    .where(and(eq(batches.id, input.batchId), eq(batches.createdBy, input.makerId), eq(batches.status, "draft")));
  if (!row) return null;
  const stored = await db
    .select({
      firstName: transactions.firstName,
      lastName: transactions.lastName,
      email: transactions.email,
      amount: transactions.amount,
      rawAmount: transactions.rawAmount,
      externalId: transactions.externalId,
      params: transactions.params,
      errors: transactions.errors,
    })
    .from(transactions)
    .where(eq(transactions.batchId, row.batch.id))
    .orderBy(asc(transactions.position));
  const { batch } = row;
  return {
    batch: {
      id: batch.id,
      version: batch.version,
      methodName: batch.methodName,
      currency: batch.currency,
      description: batch.description,
      scheduledAt: batch.scheduledAt,
    },
    method: methodForFormFromRow(row.method),
    rows: stored.map((transaction) => ({
      input: {
        first_name: transaction.firstName,
        last_name: transaction.lastName,
        email: transaction.email,
        amount: transaction.rawAmount ?? transaction.amount ?? "",
        external_id: transaction.externalId ?? "",
        params: transaction.params,
      },
      errors: transaction.errors,
    })),
  };
}
