import { eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { approvalThresholds } from "../db/schema";
import { approvalsNeededFor } from "../policy/batches";
import { DEFAULT_APPROVAL_THRESHOLD } from "./schemas";

/** How many approvals a batch of this total needs now: the policy's rule at its currency's threshold. */
export async function approvalsNeededAt(ctx: ServiceContext, input: { currency: string; totalAmount: string }): Promise<number> {
  const [threshold] = await ctx.db.select({ amount: approvalThresholds.amount }).from(approvalThresholds).where(eq(approvalThresholds.currency, input.currency));
  return approvalsNeededFor(input.totalAmount, threshold?.amount ?? DEFAULT_APPROVAL_THRESHOLD);
}
