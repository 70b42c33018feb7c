import { asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { batches, payoutMethods, transactions, type Batch } from "../db/schema";
import { DomainError } from "../errors";
import { queryBatches } from "../history/query-batches";
import { historyFiltersSchema } from "../history/schemas";
import { getMethodForForm, methodForFormFromRow } from "../methods/get-method-for-form";
import { buildBatchHeaderSchema, type TransactionInput } from "../methods/transaction-schema";
import { maskAccount } from "../log";
import { ApiError, type ErrorDetail } from "./api-call";
import { cancelBatch } from "../batches/cancel-batch";
import { checkDraftRows, saveCheckedDraft } from "../batches/save-draft";
import { submitForApproval } from "../batches/submit-for-approval";
import type { apiMethodSchema, batchSummarySchema, createBatchSchema, listBatchesQuerySchema, transactionSchema } from "./schemas";

type Summary = z.output<typeof batchSummarySchema>;

/** Every method in the catalogue with its fields, as the console's forms read them. */
export async function listApiMethods(ctx: ServiceContext): Promise<z.output<typeof apiMethodSchema>[]> {
  const rows = await ctx.db.select().from(payoutMethods).orderBy(asc(payoutMethods.name));
  return rows.map((row) => {
    const usability = methodForFormFromRow(row);
    const method = usability.usable ? usability.method : null;
    return {
      name: row.name,
      label: row.label,
      currency: row.currency,
      country: row.country,
      usable: usability.usable,
      unusable_reason: usability.usable ? null : usability.reason,
      min_amount: row.minAmount,
      max_amount: row.maxAmount,
      fields: (method?.fields ?? row.fields ?? []).map((f) => ({ key: f.key, label: f.label, required: f.required, type: f.type })),
      banks: method?.banks ?? [],
    };
  });
}

export function toSummary(batch: Batch): Summary {
  return {
    id: batch.id,
    status: batch.status,
    method: batch.methodName,
    currency: batch.currency,
    description: batch.description,
    total_amount: batch.totalAmount,
    transaction_count: batch.transactionCount,
    failed_count: batch.failedCount,
    approvals_needed: batch.approvalsNeeded,
    scheduled_at: batch.scheduledAt?.toISOString() ?? null,
    created_at: batch.createdAt.toISOString(),
    provider_status: batch.providerStatus,
    rejection_reason: batch.rejectionReason,
    attention: batch.status === "needs_attention" && batch.attentionCode ? { code: batch.attentionCode, message: batch.attentionMessage } : null,
  };
}

const textOf = (value: string | number | undefined) => (value === undefined ? undefined : String(value));

/**
 * Creates a batch from the API: every row is checked with the method's schema first (the same
 * one the forms and CSV import use) and any problem refuses the whole call naming row and field;
 * then the batch is saved as a draft and, with `submit`, sent for approval (keys never approve).
 */
export async function createApiBatch(ctx: ServiceContext, input: { batch: z.output<typeof createBatchSchema>; approvalExpiryDays: number }): Promise<Summary> {
  const { batch } = input;
  let method;
  try {
    method = await getMethodForForm(ctx, { name: batch.method });
  } catch (error) {
    if (error instanceof DomainError) throw new ApiError(422, "validation_failed", error.message, [{ field: "method", message: error.message }]);
    throw error;
  }
  const details: ErrorDetail[] = [];
  const header = buildBatchHeaderSchema(ctx.now).safeParse({ methodName: batch.method, description: batch.description, scheduledAt: batch.scheduled_at });
  if (!header.success) {
    const names: Record<string, string> = { methodName: "method", description: "description", scheduledAt: "scheduled_at" };
    for (const issue of header.error.issues) details.push({ field: names[String(issue.path[0])] ?? String(issue.path[0]), message: issue.message });
  }
  const rows: TransactionInput[] = batch.transactions.map((row) => ({
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    amount: String(row.amount),
    external_id: row.external_id,
    params: Object.fromEntries(Object.entries(row.params).map(([key, value]) => [key, textOf(value)])),
  }));
  const checked = checkDraftRows(method, rows);
  checked.forEach((row, index) => {
    for (const error of row.errors ?? []) details.push({ row: index + 1, field: error.field, message: error.message });
  });
  if (details.length > 0) throw new ApiError(422, "validation_failed", `The batch was not created: ${details.length} problem${details.length === 1 ? "" : "s"}`, details.slice(0, 1000));

  const saved = await saveCheckedDraft(ctx, { method, description: batch.description, scheduledAt: header.success ? header.data.scheduledAt : undefined, checked });
  if (batch.submit) {
    const submitted = await submitForApproval(ctx, { batchId: saved.batchId, version: saved.version, approvalExpiryDays: input.approvalExpiryDays });
    if (submitted.kind === "invalid") {
      const problems = [
        ...Object.entries(submitted.headerErrors).flatMap(([field, messages]) => messages.map((message) => ({ field, message }))),
        ...submitted.rowErrors.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: e.field, message: e.message }))),
      ];
      throw new ApiError(422, "validation_failed", `Saved as draft ${saved.batchId}, but it could not be submitted`, problems.slice(0, 1000));
    }
  }
  const [stored] = await ctx.db.select().from(batches).where(eq(batches.id, saved.batchId));
  return toSummary(stored!);
}

const maskParams = (params: Record<string, string>) => Object.fromEntries(Object.entries(params).map(([key, value]) => [key, /account_number|iban|card/.test(key) ? maskAccount(value) : value]));

/** One batch with its transactions and their provider statuses. */
export async function getApiBatch(ctx: ServiceContext, input: { batchId: string }) {
  const [batch] = await ctx.db.select().from(batches).where(eq(batches.id, input.batchId));
  if (!batch) throw new ApiError(404, "not_found", `No batch ${input.batchId}`);
  const rows = await ctx.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
  const list: z.output<typeof transactionSchema>[] = rows.map((row) => ({
    id: row.id,
    position: row.position,
    first_name: row.firstName,
    last_name: row.lastName,
    email: row.email,
    amount: row.amount,
    external_id: row.externalId,
    params: maskParams(row.params),
    status: row.providerStatus,
    failure_reason: row.failureReason,
  }));
  return { ...toSummary(batch), transactions: list };
}

/** Batches, newest first, with the /history filters and its keyset cursor. */
export async function listApiBatches(ctx: ServiceContext, query: z.output<typeof listBatchesQuerySchema>) {
  const parsed = historyFiltersSchema.safeParse({
    view: "batches",
    batchStatus: query.status,
    method: query.method,
    currency: query.currency,
    from: query.from,
    to: query.to,
    minAmount: query.min_amount,
    maxAmount: query.max_amount,
    q: query.q,
    cursor: query.cursor,
    // A machine lists every batch it may see, drafts included (the pages hide never-sent drafts by default).
    drafts: "1",
  });
  if (!parsed.success) {
    const names: Record<string, string> = { batchStatus: "status", minAmount: "min_amount", maxAmount: "max_amount" };
    throw new ApiError(422, "validation_failed", "Check the query parameters", parsed.error.issues.map((i) => ({ field: names[String(i.path[0])] ?? String(i.path[0]), message: i.message })));
  }
  const page = await queryBatches(ctx, { filters: parsed.data, limit: query.limit });
  const ids = page.rows.map((row) => row.id);
  const stored = ids.length > 0 ? await ctx.db.select().from(batches).where(inArray(batches.id, ids)) : [];
  const byId = new Map(stored.map((b) => [b.id, b]));
  return { data: ids.map((id) => toSummary(byId.get(id)!)), next_cursor: page.nextCursor };
}

/** Cancels a draft the key made (the batch rules: its maker only, only a draft). */
export async function cancelApiBatch(ctx: ServiceContext, input: { batchId: string }): Promise<Summary> {
  const [batch] = await ctx.db.select().from(batches).where(eq(batches.id, input.batchId));
  if (!batch) throw new ApiError(404, "not_found", `No batch ${input.batchId}`);
  await cancelBatch(ctx, { batchId: input.batchId });
  const [after] = await ctx.db.select().from(batches).where(eq(batches.id, input.batchId));
  return toSummary(after!);
}
