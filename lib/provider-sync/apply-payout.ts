import { eq, sql } from "drizzle-orm";
import { recordAudit, systemActor } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { batches, providerEvents, transactions, type BatchStatus, type ProviderStatus, type UnmatchedProviderTransaction } from "../db/schema";
import { DomainError } from "../errors";
import type { Payout } from "../hello-clever/types";
import { log } from "../log";
import { compareAmounts } from "../money";
import { batchStatusForProvider, compareProviderStatus, isKnownTransactionStatus, isProviderStatus, PROVIDER_DRIVEN_STATUSES } from "./provider-status";

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

/** At most this many unmatched provider transactions are kept on the batch (the count is always exact). */
const MAX_UNMATCHED_KEPT = 500;

function sameAmount(stored: string | null, reported: string): boolean {
  return stored !== null && compareAmounts(stored, reported) === 0;
}

type LocalRow = { id: string; externalId: string | null; firstName: string; lastName: string; amount: string | null };
type Match = { id: string; uuid: string; status: string; reason: string | null };

const normalise = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Matches the provider's transactions to the batch's rows: by the transaction external_id the
 * console sent (the operator's own value, else the row id), then, for what is left, by payee and
 * amount where exactly one row and one provider transaction share them. Never by position: the
 * documentation promises no order. Whatever still has no row is returned as unmatched.
 */
export function matchTransactions(local: readonly LocalRow[], reported: Payout["transactions"]): { matched: Match[]; unmatched: UnmatchedProviderTransaction[] } {
  const byExternalId = new Map<string, LocalRow>();
  for (const row of local) byExternalId.set(row.externalId ?? row.id, row);
  const taken = new Set<string>();
  const matched: Match[] = [];
  const rest: Payout["transactions"] = [];
  for (const item of reported) {
    const row = item.externalId !== null ? byExternalId.get(item.externalId) : undefined;
    if (row && !taken.has(row.id)) {
      taken.add(row.id);
      matched.push({ id: row.id, uuid: item.uuid, status: item.status, reason: item.errorMessage });
    } else rest.push(item);
  }
  if (rest.length > 0) {
    const key = (payee: string, amount: string) => `${normalise(payee)}\u0000${amount}`;
    const canonical = (amount: string) => {
      // Same value, same key: "250.5" and "250.50" are one amount.
      if (!/^\d+(\.\d+)?$/.test(amount)) return amount;
      const [whole, fraction = ""] = amount.split(".");
      const trimmed = fraction.replace(/0+$/, "");
      return trimmed ? `${BigInt(whole!)}.${trimmed}` : String(BigInt(whole!));
    };
    const rowsByKey = new Map<string, LocalRow[]>();
    for (const row of local) {
      if (taken.has(row.id) || row.amount === null) continue;
      const k = key(`${row.firstName} ${row.lastName}`, canonical(row.amount));
      rowsByKey.set(k, [...(rowsByKey.get(k) ?? []), row]);
    }
    const itemsByKey = new Map<string, number>();
    const keyOf = (item: Payout["transactions"][number]) => (item.payee === null ? null : key(item.payee, canonical(item.amount)));
    for (const item of rest) {
      const k = keyOf(item);
      if (k !== null) itemsByKey.set(k, (itemsByKey.get(k) ?? 0) + 1);
    }
    const unmatched: UnmatchedProviderTransaction[] = [];
    for (const item of rest) {
      const k = keyOf(item);
      const rows = k === null ? undefined : rowsByKey.get(k);
      if (k !== null && rows?.length === 1 && itemsByKey.get(k) === 1) {
        matched.push({ id: rows[0]!.id, uuid: item.uuid, status: item.status, reason: item.errorMessage });
      } else {
        unmatched.push({ uuid: item.uuid, externalId: item.externalId, payee: item.payee, amount: item.amount, status: item.status, errorMessage: item.errorMessage });
      }
    }
    return { matched, unmatched };
  }
  return { matched, unmatched: [] };
}

/**
 * Applies what Hello Clever says about a batch's payout, the whole of it: its status
 * (forward-only; an unknown status is stored as sent and never terminal), total, error code, and
 * each transaction's status and failure reason (see matchTransactions). Idempotent: the same
 * state twice writes nothing the second time. An earlier status is recorded as stale and changes
 * nothing. Webhooks, reconciliation, submission and the lookup after an unknown outcome all go
 * through here.
 */
export async function applyPayout(ctx: ServiceContext, input: ApplyPayoutInput): Promise<ApplyPayoutOutcome> {
  return ctx.db.transaction((tx) => applyPayoutInTransaction(tx, input));
}

/** applyPayout inside the caller's transaction (submission records its own state in the same one). */
export async function applyPayoutInTransaction(tx: Db, input: ApplyPayoutInput): Promise<ApplyPayoutOutcome> {
  const { payout, source } = input;
  // Row lock: a webhook job and a reconciliation read of one batch apply one after the other.
  const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for("update");
  if (!batch) throw new DomainError("not_found", `Batch ${input.batchId} not found`);
  const ours = batch.providerUuid === payout.uuid || (batch.providerUuid === null && payout.externalId === batch.id);
  if (!ours) throw new DomainError("conflict", `Payout ${payout.uuid} does not belong to batch ${batch.id}`);
  if (input.reconciledAt) {
    await tx.update(batches).set({ lastReconciledAt: input.reconciledAt }).where(eq(batches.id, batch.id));
  }
  if (!isProviderStatus(payout.status)) {
    log.warn({ batchId: batch.id, providerUuid: payout.uuid, providerStatus: payout.status, source }, "provider.unknown_payout_status");
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
    .select({ id: transactions.id, externalId: transactions.externalId, firstName: transactions.firstName, lastName: transactions.lastName, amount: transactions.amount })
    .from(transactions)
    .where(eq(transactions.batchId, batch.id));
  const { matched, unmatched } = matchTransactions(local, payout.transactions);
  const unknownStatuses = [...new Set(payout.transactions.map((item) => item.status).filter((status) => !isKnownTransactionStatus(status)))];
  if (unknownStatuses.length > 0) log.warn({ batchId: batch.id, statuses: unknownStatuses, source }, "provider.unknown_transaction_status");
  if (unmatched.length > 0) log.warn({ batchId: batch.id, unmatched: unmatched.length, source }, "provider.unmatched_transactions");
  // Only rows whose provider view differs are written, and their count says whether anything changed.
  const changedRows = matched.length
    ? await tx.execute(sql`
        update ${transactions} t
        set provider_uuid = v.uuid, provider_status = v.status, failure_reason = v.reason, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(matched)}::jsonb) as v(id uuid, uuid text, status text, reason text)
        where t.batch_id = ${batch.id} and t.id = v.id
          and (t.provider_uuid is distinct from v.uuid or t.provider_status is distinct from v.status
               or t.failure_reason is distinct from v.reason)`)
    : { count: 0 };
  const transactionsChanged = changedRows.count;
  const unmatchedKept = unmatched.length > 0 ? unmatched.slice(0, MAX_UNMATCHED_KEPT) : null;
  // jsonb reorders keys: compare the values, field by field.
  const unmatchedKey = (list: readonly UnmatchedProviderTransaction[] | null) =>
    JSON.stringify(list?.map((u) => [u.uuid, u.externalId, u.payee, u.amount, u.status, u.errorMessage]) ?? null);
  const unmatchedChanged = unmatchedKey(batch.providerUnmatched) !== unmatchedKey(unmatchedKept);

  // Hello Clever holds the payout: the batch is submitted, whoever learns it first (a create still
  // waiting for its answer records its own submission time).
  const recordsSubmission = batch.submittedAt === null && batch.status !== "submitting";
  const failedCount = payout.transactions.filter((item) => item.status === "failed").length;
  const followsProvider = PROVIDER_DRIVEN_STATUSES.includes(batch.status);
  const status = followsProvider ? batchStatusForProvider(payout.status, batch.status) : batch.status;
  const batchChanged =
    direction === "forward" ||
    batch.status !== status ||
    batch.providerUuid !== payout.uuid ||
    !sameAmount(batch.providerTotalAmount, payout.totalAmount) ||
    batch.providerErrorCode !== payout.errorCode ||
    batch.providerErrorMessage !== payout.errorMessage ||
    batch.failedCount !== failedCount ||
    unmatchedChanged ||
    recordsSubmission;
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
      providerUnmatched: unmatchedKept,
      failedCount,
      ...(recordsSubmission ? { submittedAt: sql`now()` } : {}),
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
    detail: {
      from: batch.providerStatus,
      failed: failedCount,
      transactionsChanged,
      errorCode: payout.errorCode,
      ...(unmatched.length > 0 ? { unmatched: unmatched.length } : {}),
      ...(unknownStatuses.length > 0 ? { unknownTransactionStatuses: unknownStatuses } : {}),
    },
  });
  await recordAudit(tx, {
    actor: systemActor(ACTOR_FOR_SOURCE[source]),
    action: "batch.provider_update",
    batchId: batch.id,
    before: { status: batch.status, providerStatus: batch.providerStatus, failedCount: batch.failedCount, attentionCode: batch.attentionCode },
    after: { status, providerStatus: payout.status, failedCount, attentionCode: leavingAttention ? null : batch.attentionCode },
    details: { source, providerUuid: payout.uuid, transactionsChanged, totalAmount: payout.totalAmount, errorCode: payout.errorCode, unmatched: unmatched.length },
  });
  return { kind: "applied", from: batch.providerStatus, to: payout.status, status, transactionsChanged };
}
