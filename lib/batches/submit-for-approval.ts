import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { withDb, type ServiceContext } from "../context";
import type { Db } from "../db";
import { batches, transactions, type RowError } from "../db/schema";
import { DomainError } from "../errors";
import { approvalsNeededAt } from "../approvals/approvals-needed";
import { getMethodForForm } from "../methods/get-method-for-form";
import { methodFingerprint } from "../methods/method-fingerprint";
import type { MethodForForm } from "../methods/schemas";
import { buildBatchHeaderSchema, buildTransactionSchema, MAX_TRANSACTIONS_PER_BATCH } from "../methods/transaction-schema";
import { checkTransaction, type CheckedTransaction } from "./check-transaction";
import { assessBatchForApproval } from "../risk/assess-batch";
import { auditActor, lockDraft } from "./lock-draft";
import { payeeRowColumns, transactionRecordset } from "./transaction-records";

export type SubmitForApprovalParams = {
  batchId: string;
  /** The version the person saw: they approve what they looked at, not a later save. */
  version: number;
  approvalExpiryDays: number;
};

export type SubmitForApprovalResult =
  | { kind: "submitted"; approvalsNeeded: number; approvalExpiresAt: Date; totalAmount: string; transactionCount: number }
  /** Nothing moved; the stored rows now carry these errors so the reopened draft shows them. */
  | {
      kind: "invalid";
      headerErrors: Record<string, string[]>;
      rowErrors: Array<{ row: number; errors: RowError[] }>;
    };

/**
 * Re-validates a saved draft against its method as stored now and moves it to
 * pending_approval, setting its approval deadline and how many approvals it needs. Refused
 * rows come back per row and field; what the maker saved is kept either way.
 */
export async function submitForApproval(ctx: ServiceContext, input: SubmitForApprovalParams): Promise<SubmitForApprovalResult> {
  const { now } = ctx;
  return ctx.db.transaction(async (tx) => {
    const inTx = withDb(ctx, tx);
    const draft = await lockDraft(ctx, tx, input.batchId);
    if (input.version !== draft.version) {
      throw new DomainError("conflict", `This draft was saved elsewhere since you opened it (now version ${draft.version}). Reload it before submitting.`);
    }
    const method = await getMethodForForm(inTx, { name: draft.methodName });
    const header = buildBatchHeaderSchema(now).safeParse({
      methodName: draft.methodName,
      description: draft.description,
      scheduledAt: draft.scheduledAt?.toISOString(),
    });
    const headerErrors: Record<string, string[]> = header.success ? {} : (z.flattenError(header.error).fieldErrors as Record<string, string[]>);
    if (draft.currency !== method.currency) {
      headerErrors.methodName = [`${method.label} now pays out in ${method.currency}, not ${draft.currency}; choose the method again`];
    }

    // A save that stored every row valid against this very spec leaves nothing to re-check;
    // otherwise (the method changed since, rows stored invalid, a copied batch) every row is.
    const fingerprint = methodFingerprint(method);
    const { count, rowErrors } =
      draft.rowsCheckedAgainst === fingerprint ? { count: draft.transactionCount, rowErrors: [] } : await recheckStoredRows(tx, draft.id, method);
    if (count === 0) headerErrors.transactions = ["Add at least one transaction"];
    if (count > MAX_TRANSACTIONS_PER_BATCH) {
      headerErrors.transactions = [`At most ${MAX_TRANSACTIONS_PER_BATCH.toLocaleString("en-US")} transactions per batch`];
    }

    if (rowErrors.length > 0 || Object.keys(headerErrors).length > 0) {
      // Rows just marked invalid must be checked again next time, even if the method reverts.
      await tx
        .update(batches)
        .set({ invalidCount: rowErrors.length, rowsCheckedAgainst: rowErrors.length === 0 ? fingerprint : null })
        .where(eq(batches.id, draft.id));
      return { kind: "invalid", headerErrors, rowErrors };
    }

    const [total] = await tx
      .select({ amount: sql<string>`coalesce(sum(${transactions.amount}), 0)::text` })
      .from(transactions)
      .where(eq(transactions.batchId, draft.id));
    const totalAmount = total?.amount ?? "0";
    const approvalsNeeded = await approvalsNeededAt(inTx, { currency: draft.currency, totalAmount });
    const submittedAt = now();
    const approvalExpiresAt = new Date(submittedAt.getTime() + input.approvalExpiryDays * 24 * 60 * 60 * 1000);
    await tx
      .update(batches)
      .set({
        status: "pending_approval",
        submittedForApprovalAt: submittedAt,
        approvalExpiresAt,
        approvalsNeeded,
        totalAmount,
        transactionCount: count,
        invalidCount: 0,
        updatedAt: submittedAt,
      })
      .where(and(eq(batches.id, draft.id), eq(batches.status, "draft")));
    // Issue 17 (payees): payload hash, payee matching, contact/KYC gate and risk flags; may require a second approval.
    const assessed = await assessBatchForApproval(tx, { batchId: draft.id, actor: { id: ctx.actor.id, label: ctx.actor.label }, now: submittedAt, requestId: ctx.requestId });
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: "batch.submit_for_approval",
      batchId: draft.id,
      before: { status: "draft" },
      after: { status: "pending_approval", version: draft.version, totalAmount, transactionCount: count, approvalsNeeded: assessed.approvalsNeeded, approvalExpiresAt },
      requestId: ctx.requestId,
    });
    return { kind: "submitted", approvalsNeeded: assessed.approvalsNeeded, approvalExpiresAt, totalAmount, transactionCount: count };
  });
}

/**
 * Checks every stored row against the method as it is now. Rows whose verdict changed since the
 * save are rewritten, so the stored marks match what this check said.
 */
async function recheckStoredRows(tx: Db, batchId: string, method: MethodForForm): Promise<{ count: number; rowErrors: Array<{ row: number; errors: RowError[] }> }> {
  const stored = await tx
    .select({ ...payeeRowColumns, rawAmount: transactions.rawAmount, errors: transactions.errors })
    .from(transactions)
    .where(eq(transactions.batchId, batchId))
    .orderBy(asc(transactions.position));
  const schema = buildTransactionSchema(method);
  const checked = stored.map((row) =>
    checkTransaction(schema, method.currency, {
      first_name: row.firstName,
      last_name: row.lastName,
      email: row.email,
      amount: row.rawAmount ?? row.amount ?? "",
      external_id: row.externalId ?? undefined,
      params: row.params,
    }),
  );
  const changed = checked.flatMap((row, index) =>
    JSON.stringify(row.errors) === JSON.stringify(stored[index]!.errors) ? [] : [{ position: stored[index]!.position, row }],
  );
  await rewriteTransactions(tx, batchId, changed);
  return { count: stored.length, rowErrors: checked.flatMap((row, index) => (row.errors ? [{ row: index + 1, errors: row.errors }] : [])) };
}

/** Bulk update of re-checked rows, one statement (rows expanded from a JSON parameter). */
async function rewriteTransactions(tx: Db, batchId: string, rows: Array<{ position: number; row: CheckedTransaction }>): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update ${transactions} t set
      first_name = r.first_name, last_name = r.last_name, email = r.email, amount = r.amount::numeric,
      raw_amount = r.raw_amount, external_id = r.external_id, params = r.params, errors = r.errors, updated_at = now()
    from ${transactionRecordset(rows)}
    where t.batch_id = ${batchId}::uuid and t.position = r.position`);
}
