import { sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, transactions } from "../db/schema";

/** A batch's transactions counted by Hello Clever's status ("not_sent" before it has one), and the sum paid. */
export type BatchStatusCounts = { all: number; byStatus: Record<string, number>; paidAmount: string };

/** One grouped read over the batch's rows: the "Show failed only" counts and the "… paid" figure. */
export async function getBatchTally(ctx: Pick<ServiceContext, "db">, input: { batchId: string }): Promise<BatchStatusCounts> {
  const rows = await ctx.db.execute<{ status: string | null; n: number; paid: string | null }>(sql`
    select ${transactions.providerStatus} as status, count(*)::int as n,
           case when ${transactions.providerStatus} = 'settled' then coalesce(sum(${transactions.amount}), 0)::text end as paid
    from ${transactions} where ${transactions.batchId} = ${input.batchId}::uuid
    group by ${transactions.providerStatus}`);
  const byStatus: Record<string, number> = {};
  let all = 0;
  let paidAmount = "0";
  for (const row of rows) {
    byStatus[row.status ?? "not_sent"] = row.n;
    all += row.n;
    if (row.paid !== null) paidAmount = row.paid;
  }
  return { all, byStatus, paidAmount };
}

/** The batches made from this one (the other side of "Copied from"), newest first. */
export async function listBatchCopies(ctx: Pick<ServiceContext, "db">, input: { batchId: string }) {
  return ctx.db
    .select({ id: batches.id, copyKind: batches.copyKind, status: batches.status, description: batches.description, createdAt: batches.createdAt })
    .from(batches)
    .where(sql`${batches.copiedFromId} = ${input.batchId}::uuid`)
    .orderBy(sql`${batches.createdAt} desc`)
    .limit(50);
}

/** A copied draft's rows with why they failed in the original ("New batch from failed rows"), in batch order. */
export async function listPreviousFailures(ctx: Pick<ServiceContext, "db">, input: { batchId: string; limit?: number }) {
  return ctx.db
    .select({ position: transactions.position, firstName: transactions.firstName, lastName: transactions.lastName, reason: transactions.previousFailureReason })
    .from(transactions)
    .where(sql`${transactions.batchId} = ${input.batchId}::uuid and ${transactions.previousFailureReason} is not null`)
    .orderBy(transactions.position)
    .limit(input.limit ?? 500);
}
