import { and, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, payoutMethods, transactions } from "../db/schema";
import { methodForFormFromRow, type MethodUsability } from "../methods/get-method-for-form";

export type DraftForEditor = {
  batch: { id: string; version: number; methodName: string; currency: string; description: string; scheduledAt: Date | null };
  method: MethodUsability;
  /**
   * The rows in batch order, each as typed (or as stored, when it was valid) with the errors it
   * was saved with, as one JSON text built by Postgres (`parseDraftRowsText` reads it): a
   * 10,000-row draft reaches the editor as one string, never validated or rendered here.
   */
  rowsText: string;
};

/** A draft of `makerId` with its rows, ready to edit; null when it is not that maker's draft. */
export async function getBatchForEditor(ctx: ServiceContext, input: { batchId: string; makerId: string }): Promise<DraftForEditor | null> {
  const [row] = await ctx.db
    .select({ batch: batches, method: payoutMethods })
    .from(batches)
    .innerJoin(payoutMethods, eq(payoutMethods.name, batches.methodName))
    .where(and(eq(batches.id, input.batchId), eq(batches.createdBy, input.makerId), eq(batches.status, "draft")));
  if (!row) return null;
  const [stored] = await ctx.db
    .select({
      rowsText: sql<string>`coalesce(json_agg(json_build_array(
        ${transactions.firstName}, ${transactions.lastName}, ${transactions.email},
        coalesce(${transactions.rawAmount}, ${transactions.amount}::text, ''), coalesce(${transactions.externalId}, ''),
        ${transactions.params}, ${transactions.errors}
      ) order by ${transactions.position}), '[]')::text`,
    })
    .from(transactions)
    .where(eq(transactions.batchId, row.batch.id));
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
    rowsText: stored?.rowsText ?? "[]",
  };
}
