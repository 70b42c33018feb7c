import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { recordAudit, systemActor } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { approvals, batches, type Batch } from "../db/schema";
import { log } from "../log";
import { ATTENTION_MESSAGES } from "../submission/attention-codes";

/**
 * Exactly what is sent to Hello Clever for a batch, less the webhook (its secret is fresh per
 * attempt): method, currency, description, schedule, the payout's external id and every
 * transaction in order with its amount text and params. Mirrors CreatePayoutInput.
 */
export type HashablePayload = {
  payoutMethodName: string;
  currency: string;
  description: string;
  scheduledAt?: Date | null;
  externalId?: string;
  transactions: ReadonlyArray<{
    firstName: string;
    lastName: string;
    email: string;
    amount: string;
    externalId?: string;
    params: Record<string, string>;
  }>;
};

const sortedEntries = (record: Record<string, string>) =>
  Object.keys(record)
    .sort()
    .map((key) => [key, String(record[key])]);

/**
 * The canonical text: a JSON array with a fixed field order, params sorted by key, the schedule
 * as the UTC second it is sent as, the amount as its exact text (never through a float).
 */
export function canonicalPayload(payload: HashablePayload): string {
  return JSON.stringify([
    "payout-desk/payload/v1",
    payload.payoutMethodName,
    payload.currency,
    payload.description,
    payload.scheduledAt ? payload.scheduledAt.toISOString().slice(0, 19) : null,
    payload.externalId ?? null,
    payload.transactions.map((row) => [row.firstName, row.lastName, row.email, String(row.amount), row.externalId ?? null, sortedEntries(row.params)]),
  ]);
}

/** sha256 (lowercase hex) of the canonical payload. */
export function payloadHash(payload: HashablePayload): string {
  return createHash("sha256").update(canonicalPayload(payload), "utf8").digest("hex");
}

type StoredRow = { id: string; firstName: string; lastName: string; email: string; amount: string | null; externalId: string | null; params: Record<string, string> };

/** The payload a batch sends, from the batch and its stored rows in order (the same mapping as submission). */
export function batchPayload(batch: Pick<Batch, "id" | "methodName" | "currency" | "description" | "scheduledAt">, rows: readonly StoredRow[]): HashablePayload {
  return {
    payoutMethodName: batch.methodName,
    currency: batch.currency,
    description: batch.description,
    scheduledAt: batch.scheduledAt,
    externalId: batch.id,
    transactions: rows.map((row) => ({
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      amount: row.amount ?? "",
      // As submission sends it: the operator's external id, else the row's own id.
      externalId: row.externalId || row.id,
      params: row.params,
    })),
  };
}

export type PayloadCheck = { ok: true; hash: string; legacy: boolean } | { ok: false; hash: string; approved: string[] };

/**
 * Right before the provider call: recomputes the hash of the body about to be sent and accepts it
 * only if an approval of this batch recorded that very hash. Otherwise the batch moves
 * submitting → needs_attention (`payload_mismatch`), audited with both hashes, and nothing is sent.
 * A batch approved before hashes existed (no approval and no batch hash recorded) passes, logged.
 */
export async function verifyApprovedPayload(ctx: ServiceContext, input: { batchId: string; body: HashablePayload }): Promise<PayloadCheck> {
  const { batchId } = input;
  const hash = payloadHash(input.body);
  return ctx.db.transaction(async (tx) => {
    const [batch] = await tx.select({ payloadHash: batches.payloadHash, version: batches.version }).from(batches).where(eq(batches.id, batchId)).for("update");
    const approved = (await tx.select({ hash: approvals.payloadHash }).from(approvals).where(eq(approvals.batchId, batchId)))
      .map((row) => row.hash)
      .filter((value): value is string => value !== null);
    if (approved.length === 0 && !batch?.payloadHash) {
      log.warn({ batchId }, "submission.payload_unhashed");
      return { ok: true, hash, legacy: true };
    }
    if (approved.includes(hash)) return { ok: true, hash, legacy: false };
    const expected = approved.length > 0 ? approved : [batch!.payloadHash!];
    const moved = await tx
      .update(batches)
      .set({
        status: "needs_attention",
        attentionCode: "payload_mismatch",
        attentionMessage: ATTENTION_MESSAGES.payload_mismatch,
        attentionDetails: { sentHash: hash, approvedHashes: expected },
        updatedAt: new Date(),
      })
      .where(and(eq(batches.id, batchId), eq(batches.status, "submitting")))
      .returning({ id: batches.id });
    if (moved.length > 0) {
      await recordAudit(tx, {
        actor: systemActor("submit-batch"),
        action: "batch.payload_mismatch",
        batchId,
        before: { status: "submitting" },
        after: { status: "needs_attention", attentionCode: "payload_mismatch" },
        details: { sentHash: hash, approvedHashes: expected },
      });
    }
    log.error({ batchId, sentHash: hash, approvedHashes: expected }, "submission.payload_mismatch");
    return { ok: false, hash, approved: expected };
  });
}
