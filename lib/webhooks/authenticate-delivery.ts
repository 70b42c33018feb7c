import { eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { batches, type ProviderStatus } from "../db/schema";
import { webhookSecretMatches } from "./webhook-secret";

export type AuthenticatedBatch = { id: string; providerStatus: ProviderStatus | null };
export type AuthenticationFailure = "unknown_batch" | "missing_header" | "wrong_secret";
export type AuthenticationResult = { ok: true; batch: AuthenticatedBatch } | { ok: false; reason: AuthenticationFailure };

// The receiver's hot path: built once per pool and prepared, not rebuilt for every delivery.
const lookups = new WeakMap<Db, ReturnType<typeof buildLookup>>();
function buildLookup(db: Db) {
  return db
    .select({ id: batches.id, providerStatus: batches.providerStatus, secretHash: batches.webhookSecretHash })
    .from(batches)
    .where(eq(batches.id, sql.placeholder("batchId")))
    .prepare("webhook_authenticate");
}
function lookupFor(db: Db) {
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = buildLookup(db)));
  return lookup;
}

/**
 * Checks a delivery's Authorization header against the batch's stored secret hash, in constant
 * time, with one primary-key read. Nothing is written: an unknown caller costs a read only.
 */
export async function authenticateDelivery(db: Db, batchId: string, authorization: string | null): Promise<AuthenticationResult> {
  const [batch] = await lookupFor(db).execute({ batchId });
  // Compare even when there is nothing to compare, so the answer time says little about the batch.
  const matches = webhookSecretMatches(authorization, batch?.secretHash ?? null);
  if (!batch || !batch.secretHash) return { ok: false, reason: "unknown_batch" };
  if (!authorization) return { ok: false, reason: "missing_header" };
  if (!matches) return { ok: false, reason: "wrong_secret" };
  return { ok: true, batch: { id: batch.id, providerStatus: batch.providerStatus } };
}
