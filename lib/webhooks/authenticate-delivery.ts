import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { batches, type ProviderStatus } from "../db/schema";
import { webhookSecretMatches } from "./webhook-secret";

export type AuthenticatedBatch = { id: string; providerStatus: ProviderStatus | null };
export type AuthenticationFailure = "unknown_batch" | "missing_header" | "wrong_secret";
export type AuthenticationResult = { ok: true; batch: AuthenticatedBatch } | { ok: false; reason: AuthenticationFailure };

/**
 * Checks a delivery's Authorization header against the batch's stored secret hash, in constant
 * time, with one primary-key read. Nothing is written: an unknown caller costs a read only.
 */
export async function authenticateDelivery(db: Db, batchId: string, authorization: string | null): Promise<AuthenticationResult> {
  const [batch] = await db
    .select({ id: batches.id, providerStatus: batches.providerStatus, secretHash: batches.webhookSecretHash })
    .from(batches)
    .where(eq(batches.id, batchId));
  // Compare even when there is nothing to compare, so the answer time says little about the batch.
  const matches = webhookSecretMatches(authorization, batch?.secretHash ?? null);
  if (!batch || !batch.secretHash) return { ok: false, reason: "unknown_batch" };
  if (!authorization) return { ok: false, reason: "missing_header" };
  if (!matches) return { ok: false, reason: "wrong_secret" };
  return { ok: true, batch: { id: batch.id, providerStatus: batch.providerStatus } };
}
