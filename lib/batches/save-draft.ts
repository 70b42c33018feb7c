import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { batches, transactions, type RowError } from "../db/schema";
import { DomainError } from "../errors";
import { getMethodForForm } from "../methods/get-method-for-form";
import { methodFingerprint } from "../methods/method-fingerprint";
import type { MethodForForm } from "../methods/schemas";
import { buildTransactionSchema, type TransactionInput } from "../methods/transaction-schema";
import { parseAmount, sumAmounts } from "../money";
import { checkTransaction, type CheckedTransaction } from "./check-transaction";
import { findEarlierDuplicates, type EarlierDuplicate } from "./find-earlier-duplicates";
import { auditActor, lockDraft } from "./lock-draft";
import { transactionColumnsSql } from "./transaction-records";

export type SaveDraftParams = {
  /** Absent: a new draft. */
  batchId?: string;
  /** The version the editor loaded (required with batchId). */
  version?: number;
  methodName: string;
  description: string;
  scheduledAt?: string;
  transactions: TransactionInput[];
};

export type SaveDraftResult = {
  batchId: string;
  version: number;
  totalAmount: string;
  transactionCount: number;
  invalidCount: number;
  /** Rows (1-based, in batch order) that were stored with errors. */
  rowErrors: Array<{ row: number; errors: RowError[] }>;
  /** Rows that repeat a transaction of this method's batches of the last 30 days (a warning, not a refusal). */
  earlierDuplicates: EarlierDuplicate[];
};

/**
 * Creates or replaces a draft batch with its rows, invalid ones included and marked with their
 * errors, in one transaction. Only the maker may save, only a draft (policy `batch.edit`, under
 * the row lock), only at the version they loaded; every save bumps the version (so an approval
 * of an older version is refused later).
 */
export async function saveDraft(ctx: ServiceContext, input: SaveDraftParams): Promise<SaveDraftResult> {
  const { transactions: rows, methodName, ...header } = input;
  const method = await getMethodForForm(ctx, { name: methodName });
  return saveCheckedDraft(ctx, { ...header, method, checked: checkDraftRows(method, rows) });
}

/** Every row checked with the method's schema (the one the editor, CSV import and API use). */
export function checkDraftRows(method: MethodForForm, rows: TransactionInput[]): CheckedTransaction[] {
  const schema = buildTransactionSchema(method);
  return rows.map((row) => checkTransaction(schema, method.currency, row));
}

/** saveDraft for rows its caller has checked already (the API refuses a batch with any error first). */
export async function saveCheckedDraft(
  ctx: ServiceContext,
  input: Omit<SaveDraftParams, "methodName" | "transactions"> & { method: MethodForForm; checked: CheckedTransaction[] },
): Promise<SaveDraftResult> {
  const { method, checked } = input;
  // Summed exactly (scaled integers, never a float), here rather than by three scans in Postgres.
  const sum = sumAmounts(checked.flatMap((row) => (row.amount === null ? [] : [row.amount])));
  // With the currency's decimals, as Postgres' numeric would show it ("901.00").
  const normalized = parseAmount(sum, method.currency);
  const totals = {
    totalAmount: normalized.ok ? normalized.value : sum,
    transactionCount: checked.length,
    invalidCount: checked.filter((row) => row.errors !== null).length,
  };
  const header = {
    methodName: method.name,
    currency: method.currency,
    description: input.description,
    scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null,
    // Submit skips its re-check while the method still has this spec (and no row is invalid).
    rowsCheckedAgainst: totals.invalidCount === 0 ? methodFingerprint(method) : null,
  };

  return ctx.db.transaction(async (tx) => {
    let batchId: string;
    let version: number;
    let before: Record<string, unknown> | null = null;
    if (input.batchId === undefined) {
      // The maker is a users row: a person, or an API key (each key has one, so maker-checker holds); never a job.
      if (ctx.actor.kind === "system") throw new DomainError("forbidden", "Only a person or an API key can create a draft");
      const [created] = await tx
        .insert(batches)
        .values({ ...header, ...totals, createdBy: ctx.actor.id })
        .returning({ id: batches.id, version: batches.version });
      if (!created) throw new Error("Inserting a batch returned no row");
      ({ id: batchId, version } = created);
    } else {
      const draft = await lockDraft(ctx, tx, input.batchId);
      if (input.version !== draft.version) {
        throw new DomainError("conflict", `This draft was saved elsewhere since you opened it (now version ${draft.version}). Reload it to see the latest.`);
      }
      before = summary(draft);
      batchId = draft.id;
      version = draft.version + 1;
      // Rows first: a changed method would otherwise be copied onto rows about to go (history trigger).
      await tx.delete(transactions).where(eq(transactions.batchId, batchId));
      await tx
        .update(batches)
        .set({ ...header, ...totals, version, updatedAt: sql`now()` })
        .where(and(eq(batches.id, batchId), eq(batches.status, "draft")));
    }

    await insertTransactions(tx, batchId, checked);
    await recordAudit(tx, {
      actor: auditActor(ctx),
      action: before ? "batch.edit" : "batch.create",
      batchId,
      before,
      after: { status: "draft", methodName: method.name, description: input.description, version, ...totals },
      requestId: ctx.requestId,
    });
    const rowErrors = checked.flatMap((row, index) => (row.errors ? [{ row: index + 1, errors: row.errors }] : []));
    const earlierDuplicates = await findEarlierDuplicates(tx, { batchId, methodName: method.name, rows: checked });
    return { batchId, version, ...totals, rowErrors, earlierDuplicates };
  });
}

function summary(batch: typeof batches.$inferSelect) {
  return {
    status: batch.status,
    methodName: batch.methodName,
    description: batch.description,
    version: batch.version,
    totalAmount: batch.totalAmount,
    transactionCount: batch.transactionCount,
    invalidCount: batch.invalidCount,
  };
}

// Rows per INSERT: each statement carries one array per column (10 parameters), so the limit is
// memory, not the 65,535 bind parameters a multi-row VALUES list would hit.
const INSERT_CHUNK = 5000;

/** Bulk insert: one statement per chunk, rows zipped by Postgres from one array per column (unnest). */
async function insertTransactions(tx: Db, batchId: string, rows: CheckedTransaction[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK).map((row, offset) => ({ position: start + offset, row }));
    await tx.execute(sql`
      insert into ${transactions} (batch_id, position, first_name, last_name, email, amount, raw_amount, external_id, params, errors)
      select ${batchId}::uuid, r.position, r.first_name, r.last_name, r.email, r.amount::numeric, r.raw_amount, r.external_id, r.params, r.errors
      from ${transactionColumnsSql(chunk)}`);
  }
}
