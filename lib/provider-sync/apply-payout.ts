import { asc, eq, sql } from "drizzle-orm";
import { recordAudit, systemActor } from "../audit/record-audit";
import type { Db } from "../db";
import { batches, providerEvents, transactions, type BatchStatus, type ProviderStatus } from "../db/schema";
import { DomainError } from "../errors";
import type { Payout } from "../hello-clever/types";
import { compareAmounts } from "../money";
import { BATCH_STATUS_FOR_PROVIDER, compareProviderStatus, PROVIDER_DRIVEN_STATUSES } from "./provider-status";

/** Where a provider read came from; it names the timeline entry and the audit actor. */
export type ProviderReadSource = "webhook" | "reconcile" | "submit" | "resolve";

const ACTOR_FOR_SOURCE: Record<ProviderReadSource, string> = {
  webhook: "apply-webhook",
  reconcile: "reconcile",
  submit: "submit-batch",
  resolve: "resolve-submission",
};

export type ApplyPayoutInput = {
  batchId: string;
  payout: Payout;
  source: ProviderReadSource;
  /** Set by reconciliation: when this read happened (batches.last_reconciled_at). */
  reconciledAt?: Date;
};

export type ApplyPayoutOutcome =
  | { kind: "applied"; from: ProviderStatus | null; to: ProviderStatus; status: BatchStatus; transactionsChanged: number }
  | { kind: "unchanged"; providerStatus: ProviderStatus }
  | { kind: "stale"; stored: ProviderStatus; reported: ProviderStatus };

function sameAmount(stored: string | null, reported: string): boolean {
  return stored !== null && compareAmounts(stored, reported) === 0;
}

/**
 * Applies what Hello Clever says about a batch's payout: its status (forward-only), total,
 * error code, and each transaction's status and failure reason (matched by position: the
 * provider keeps the order sent). Idempotent: the same state twice writes nothing the second
 * time. An earlier status is recorded as stale and changes nothing.
 */
export async function applyPayout(db: Db, input: ApplyPayoutInput): Promise<ApplyPayoutOutcome> {
  const { payout, source } = input;
  return db.transaction(async (tx) => {
    // Row lock: a webhook job and a reconciliation read of one batch apply one after the other.
    const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
    if (!batch) throw new DomainError("not_found", `Batch ${input.batchId} not found`);
    const ours = batch.providerUuid === payout.uuid || (batch.providerUuid === null && payout.externalId === batch.id);
    if (!ours) throw new DomainError("conflict", `Payout ${payout.uuid} does not belong to batch ${batch.id}`);
    if (input.reconciledAt) {
      await tx.update(batches).set({ lastReconciledAt: input.reconciledAt }).where(eq(batches.id, batch.id));
    }

    const direction = compareProviderStatus(batch.providerStatus, payout.status);
    if (direction === "stale") {
      // The provider (or a delayed read) reported an older status: recorded, never applied.
      await tx.insert(providerEvents).values({
        batchId: batch.id,
        source,
        providerStatus: payout.status,
        outcome: "stale",
        detail: { stored: batch.providerStatus },
      });
      return { kind: "stale", stored: batch.providerStatus!, reported: payout.status };
    }

    const local = await tx
      .select({ position: transactions.position })
      .from(transactions)
      .where(eq(transactions.batchId, batch.id))
      .orderBy(asc(transactions.position));
    const reported = local.flatMap(({ position }, index) => {
      const item = payout.transactions[index];
      return item ? [{ position, uuid: item.uuid, status: item.status, reason: item.errorMessage }] : [];
    });
    // Only rows whose provider view differs are written, and their count says whether anything changed.
    const changedRows = reported.length
      ? await tx.execute(sql`
          update ${transactions} t
          set provider_uuid = v.uuid, provider_status = v.status, failure_reason = v.reason, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(reported)}::jsonb) as v(position int, uuid text, status text, reason text)
          where t.batch_id = ${batch.id} and t.position = v.position
            and (t.provider_uuid is distinct from v.uuid or t.provider_status is distinct from v.status
                 or t.failure_reason is distinct from v.reason)`)
      : { count: 0 };
    const transactionsChanged = changedRows.count;

    const failedCount = payout.transactions.filter((item) => item.status === "failed").length;
    const followsProvider = PROVIDER_DRIVEN_STATUSES.includes(batch.status);
    const status = followsProvider ? BATCH_STATUS_FOR_PROVIDER[payout.status] : batch.status;
    const batchChanged =
      direction === "forward" ||
      batch.status !== status ||
      batch.providerUuid !== payout.uuid ||
      !sameAmount(batch.providerTotalAmount, payout.totalAmount) ||
      batch.providerErrorCode !== payout.errorCode ||
      batch.providerErrorMessage !== payout.errorMessage ||
      batch.failedCount !== failedCount;
    if (!batchChanged && transactionsChanged === 0) return { kind: "unchanged", providerStatus: payout.status };

    const leavingAttention = batch.status === "needs_attention" && status !== "needs_attention";
    await tx
      .update(batches)
      .set({
        status,
        providerUuid: payout.uuid,
        providerStatus: payout.status,
        providerTotalAmount: payout.totalAmount,
        providerErrorCode: payout.errorCode,
        providerErrorMessage: payout.errorMessage,
        failedCount,
        // The provider holds the payout, so an unknown submission outcome is now known.
        ...(leavingAttention ? { attentionCode: null, attentionMessage: null, attentionDetails: null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(batches.id, batch.id));
    await tx.insert(providerEvents).values({
      batchId: batch.id,
      source,
      providerStatus: payout.status,
      // "applied" only when the status moved; the same status with new details is an update.
      outcome: direction === "forward" ? "applied" : "updated",
      detail: { from: batch.providerStatus, failed: failedCount, transactionsChanged, errorCode: payout.errorCode },
    });
    await recordAudit(tx, {
      actor: systemActor(ACTOR_FOR_SOURCE[source]),
      action: "batch.provider_update",
      batchId: batch.id,
      before: { status: batch.status, providerStatus: batch.providerStatus, failedCount: batch.failedCount, attentionCode: batch.attentionCode },
      after: { status, providerStatus: payout.status, failedCount, attentionCode: leavingAttention ? null : batch.attentionCode },
      details: { source, providerUuid: payout.uuid, transactionsChanged, totalAmount: payout.totalAmount, errorCode: payout.errorCode },
    });
    return { kind: "applied", from: batch.providerStatus, to: payout.status, status, transactionsChanged };
  });
}
