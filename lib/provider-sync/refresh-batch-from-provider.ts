import { eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches } from "../db/schema";
import { DomainError } from "../errors";
import type { HelloCleverClient } from "../hello-clever/client";
import { applyPayout, type ApplyPayoutOutcome, type ProviderReadSource } from "./apply-payout";

export type RefreshOutcome = ApplyPayoutOutcome | { kind: "not_at_provider" };

/** Re-reads a batch's payout detail from Hello Clever and applies it (getPayout + applyPayout). */
export async function refreshBatchFromProvider(
  ctx: ServiceContext,
  input: { client: HelloCleverClient; batchId: string; source: ProviderReadSource; reconciledAt?: Date },
): Promise<RefreshOutcome> {
  const { client, ...read } = input;
  const [batch] = await ctx.db.select({ providerUuid: batches.providerUuid }).from(batches).where(eq(batches.id, input.batchId));
  if (!batch) throw new DomainError("not_found", `Batch ${input.batchId} not found`);
  // Without the provider's uuid there is nothing to read (submission unfinished or unknown).
  if (!batch.providerUuid) return { kind: "not_at_provider" };
  const payout = await client.getPayout(batch.providerUuid);
  return applyPayout(ctx, { ...read, payout });
}
