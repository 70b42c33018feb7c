import { and, asc, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, transactions } from "../db/schema";
import type { HelloCleverClient } from "../hello-clever/client";
import { log } from "../log";
import { PROVIDER_DRIVEN_STATUSES, TERMINAL_PROVIDER_STATUSES } from "../provider-sync/provider-status";
import { refreshBatchFromProvider } from "../provider-sync/refresh-batch-from-provider";
import { LOOKUP_ATTENTION_CODES } from "../submission/attention-codes";

export type ReconcileOptions = {
  /** Most batches read per run, so one run stays short however many are open. */
  limit: number;
  /** A batch read less than this long ago is skipped this run. */
  minAgeSeconds: number;
  /** Batches read at once (keeps the provider and the pool unhurried). */
  concurrency?: number;
};

export type ReconcileQueue = { enqueueResolve: (batchId: string) => Promise<unknown> };

export type ReconcileSummary = { read: number; changed: number; failed: number; resolveQueued: number };

async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(workers);
}

/**
 * Reconciliation (DESIGN): re-reads every batch Hello Clever holds that is not terminal (or whose
 * local state lags the provider's: still open here, or rows without an outcome), least
 * recently read first, at most `limit` per run, so a batch whose webhooks were all lost still
 * reaches its final state. Batches Hello Clever may hold without our knowing its uuid (outcome
 * unknown, HC_PAYOUT1/2 at create) are handed to the
 * submission's lookup job instead (it searches by external id; nothing is posted again).
 */
export async function reconcileOpenBatches(
  ctx: ServiceContext,
  input: ReconcileOptions & { client: HelloCleverClient; queue: ReconcileQueue },
): Promise<ReconcileSummary> {
  const { db } = ctx;
  const { client, queue, ...options } = input;
  const now = ctx.now();
  const readBefore = new Date(now.getTime() - options.minAgeSeconds * 1000);
  const open = await db
    .select({ id: batches.id })
    .from(batches)
    .where(
      and(
        isNotNull(batches.providerUuid),
        or(
          isNull(batches.providerStatus),
          notInArray(batches.providerStatus, [...TERMINAL_PROVIDER_STATUSES]),
          // Local state lagging the provider's: a terminal payout on a batch still shown as open,
          // or rows that never got their outcome (e.g. a lookup that recorded the status only).
          inArray(batches.status, [...PROVIDER_DRIVEN_STATUSES]),
          sql`exists (select 1 from ${transactions} t where t.batch_id = ${batches.id} and t.provider_status is null)`,
        ),
        or(isNull(batches.lastReconciledAt), lt(batches.lastReconciledAt, readBefore)),
      ),
    )
    .orderBy(sql`${batches.lastReconciledAt} asc nulls first`, asc(batches.createdAt))
    .limit(options.limit);

  const summary: ReconcileSummary = { read: 0, changed: 0, failed: 0, resolveQueued: 0 };
  await inPool(open, options.concurrency ?? 4, async ({ id }) => {
    try {
      const outcome = await refreshBatchFromProvider(ctx, { client, batchId: id, source: "reconcile", reconciledAt: now });
      summary.read++;
      if (outcome.kind === "applied") summary.changed++;
    } catch (error) {
      summary.failed++;
      log.warn({ err: error, batchId: id }, "reconcile.read_failed");
      // Still counts as read, so one failing payout cannot starve the others of their turn.
      await db.update(batches).set({ lastReconciledAt: now }).where(eq(batches.id, id));
    }
  });

  // Unknown submission outcomes go to the submission's lookup, at most once per run's age window.
  const unknown = await db
    .select({ id: batches.id })
    .from(batches)
    .where(
      and(
        eq(batches.status, "needs_attention"),
        inArray(batches.attentionCode, [...LOOKUP_ATTENTION_CODES]),
        or(isNull(batches.lastReconciledAt), lt(batches.lastReconciledAt, readBefore)),
      ),
    )
    .orderBy(sql`${batches.lastReconciledAt} asc nulls first`, asc(batches.updatedAt))
    .limit(options.limit);
  for (const { id } of unknown) {
    await queue.enqueueResolve(id);
    await db.update(batches).set({ lastReconciledAt: now }).where(eq(batches.id, id));
    summary.resolveQueued++;
  }
  return summary;
}
