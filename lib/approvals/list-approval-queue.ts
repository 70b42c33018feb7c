import { and, asc, eq, ne, notExists, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { approvals, batches, payoutMethods, users } from "../db/schema";

export type ApprovalQueueItem = {
  id: string;
  description: string;
  version: number;
  methodName: string;
  methodLabel: string;
  currency: string;
  totalAmount: string;
  transactionCount: number;
  makerName: string;
  makerEmail: string;
  /** When it was submitted for approval: the queue's age and order. */
  waitingSince: Date;
  approvalExpiresAt: Date | null;
  approvals: number;
  approvalsNeeded: number;
  /** Risk flags (issue 17): how many, and how many high, with the codes that fired. */
  flags: { total: number; high: number; codes: string[] };
};

/** Batches waiting for this approver's decision, oldest first: not their own, not already approved by them. */
export async function listApprovalQueue(ctx: ServiceContext, input: { approverId: string; limit?: number }): Promise<ApprovalQueueItem[]> {
  const { db } = ctx;
  const { approverId, limit = 200 } = input;
  const waitingSince = sql<Date>`coalesce(${batches.submittedForApprovalAt}, ${batches.updatedAt})`.mapWith(batches.updatedAt);
  return db
    .select({
      id: batches.id,
      description: batches.description,
      version: batches.version,
      methodName: batches.methodName,
      methodLabel: sql<string>`coalesce(${payoutMethods.label}, ${batches.methodName})`,
      currency: batches.currency,
      totalAmount: batches.totalAmount,
      transactionCount: batches.transactionCount,
      makerName: users.name,
      makerEmail: users.email,
      waitingSince,
      approvalExpiresAt: batches.approvalExpiresAt,
      approvals: sql<number>`(select count(*)::int from ${approvals} a where a.batch_id = ${batches.id} and a.batch_version = ${batches.version})`,
      approvalsNeeded: batches.approvalsNeeded,
      flags: sql<{ total: number; high: number; codes: string[] }>`(
        select json_build_object('total', count(*)::int, 'high', count(*) filter (where f.severity = 'high')::int,
          'codes', coalesce(json_agg(distinct f.code) filter (where f.code is not null), '[]'::json))
        from risk_flags f where f.batch_id = ${batches.id})`,
    })
    .from(batches)
    .innerJoin(users, eq(users.id, batches.createdBy))
    .leftJoin(payoutMethods, eq(payoutMethods.name, batches.methodName))
    .where(
      and(
        eq(batches.status, "pending_approval"),
        ne(batches.createdBy, approverId), // maker-checker: never your own batch
        notExists(
          db
            .select({ one: sql`1` })
            .from(approvals)
            .where(and(eq(approvals.batchId, batches.id), eq(approvals.approverId, approverId), eq(approvals.batchVersion, batches.version))),
        ),
      ),
    )
    .orderBy(asc(waitingSince), asc(batches.id))
    .limit(limit);
}
