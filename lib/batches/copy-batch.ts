import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { withDb, type ServiceContext } from "../context";
import type { Db } from "../db";
import { batches, transactions, type Batch } from "../db/schema";
import { DomainError } from "../errors";
import { can } from "../policy/can";
import { enforce } from "../policy/decision";
import type { CopyKind } from "./copy-kinds";

export type CopyBatchResult = { batchId: string; transactionCount: number; totalAmount: string };

const DESCRIPTION_MAX = 90;

function copyDescription(kind: CopyKind, description: string): string {
  const text = kind === "failed_rows" ? `Failed rows: ${description}` : kind === "duplicate" ? `Copy of ${description}` : description;
  return text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text;
}

/** Reads and locks the source batch (the copy rules are checked against it under the lock). */
export async function lockSourceBatch(tx: Db, batchId: string): Promise<Batch> {
  const [batch] = await tx.select().from(batches).where(eq(batches.id, batchId)).for("update");
  if (!batch) throw new DomainError("not_found", `Batch ${batchId} not found`);
  return batch;
}

/**
 * Writes a new draft made from `source` for the acting person: same method and rows (all, or only
 * those Hello Clever failed, each with its earlier failure reason beside it), a new id (so a new
 * external_id: never a re-post), linked back to the source. Call inside the caller's transaction.
 */
export async function writeCopy(ctx: ServiceContext, source: Batch, kind: CopyKind): Promise<CopyBatchResult> {
  const onlyFailed = kind === "failed_rows";
  const [created] = await ctx.db
    .insert(batches)
    .values({
      methodName: source.methodName,
      currency: source.currency,
      description: copyDescription(kind, source.description),
      createdBy: ctx.actor.id,
      copiedFromId: source.id,
      copyKind: kind,
    })
    .returning({ id: batches.id });
  if (!created) throw new Error("Inserting a batch returned no row");
  await ctx.db.execute(sql`
    insert into ${transactions} (batch_id, position, first_name, last_name, email, amount, raw_amount, external_id, params, errors, previous_failure_reason)
    select ${created.id}::uuid, (row_number() over (order by position) - 1)::int, first_name, last_name, email, amount, raw_amount, external_id, params, errors,
           ${onlyFailed ? sql`failure_reason` : sql`null`}
    from ${transactions}
    where batch_id = ${source.id}::uuid ${onlyFailed ? sql`and provider_status = 'failed'` : sql``}
    order by position`);
  const [totals] = await ctx.db
    .update(batches)
    .set({
      totalAmount: sql`(select coalesce(sum(${transactions.amount}), 0) from ${transactions} where ${transactions.batchId} = ${created.id})`,
      transactionCount: sql`(select count(*) from ${transactions} where ${transactions.batchId} = ${created.id})`,
      invalidCount: sql`(select count(*) from ${transactions} where ${transactions.batchId} = ${created.id} and ${transactions.errors} is not null)`,
    })
    .where(eq(batches.id, created.id))
    .returning({ totalAmount: batches.totalAmount, transactionCount: batches.transactionCount });
  if (!totals) throw new Error(`Batch ${created.id} vanished while copying`);
  await recordAudit(ctx.db, {
    actor: ctx.actor.kind === "system" ? { kind: "system", label: ctx.actor.label } : { kind: "user", id: ctx.actor.id, label: ctx.actor.label },
    action: "batch.copy",
    batchId: created.id,
    after: { status: "draft", copiedFromId: source.id, copyKind: kind, ...totals },
    details: { from: source.id, kind },
    requestId: ctx.requestId,
  });
  return { batchId: created.id, ...totals };
}

/**
 * "Duplicate batch" (`rows: "all"`; on an expired batch the button reads "New batch from this
 * one") or "New batch from failed rows" (`rows: "failed"`): a new draft for the caller.
 */
export async function copyBatch(ctx: ServiceContext, input: { batchId: string; rows: "all" | "failed" }): Promise<CopyBatchResult> {
  return ctx.db.transaction(async (tx) => {
    const inTx = withDb(ctx, tx);
    const source = await lockSourceBatch(tx, input.batchId);
    if (input.rows === "failed") enforce(can(inTx, "batch.copy_failed", source));
    else enforce(can(inTx, "batch.duplicate", source));
    return writeCopy(inTx, source, input.rows === "failed" ? "failed_rows" : "duplicate");
  });
}
