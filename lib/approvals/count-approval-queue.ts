import { and, count, eq, ne, notExists, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { approvals, batches } from "../db/schema";

/** How many batches wait for this viewer's decision (the sidebar's badge): the approval queue's rule. */
export async function countApprovalQueue(ctx: Pick<ServiceContext, "db">, input: { approverId: string }): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(batches)
    .where(
      and(
        eq(batches.status, "pending_approval"),
        ne(batches.createdBy, input.approverId),
        notExists(
          ctx.db
            .select({ one: sql`1` })
            .from(approvals)
            .where(and(eq(approvals.batchId, batches.id), eq(approvals.approverId, input.approverId), eq(approvals.batchVersion, batches.version))),
        ),
      ),
    );
  return row?.n ?? 0;
}
