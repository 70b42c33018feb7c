import type PgBoss from "pg-boss";
import { systemContext } from "../context";
import { log } from "../log";
import { reconcileOpenBatches } from "../reconciliation/reconcile-open-batches";
import { QUEUES } from "./queues";
import { enqueueResolveSubmission } from "./enqueue";
import type { JobContext } from "./job-context";

/** Most batches one reconciliation run reads; the rest wait for the next run, oldest first. */
const BATCHES_PER_RUN = 200;

/** reconcile: re-read open batches from Hello Clever (see lib/reconciliation). */
export async function runReconcileJob(context: JobContext, boss: PgBoss): Promise<void> {
  const interval = context.env.RECONCILE_INTERVAL_S;
  const summary = await reconcileOpenBatches(systemContext(context.db, QUEUES.reconcile), {
    client: context.helloClever,
    queue: { enqueueResolve: (batchId) => enqueueResolveSubmission(boss, batchId) },
    limit: BATCHES_PER_RUN,
    // Half an interval: a batch read by the previous run is due again in this one.
    minAgeSeconds: interval / 2,
  });
  log.info(summary, "reconcile.finished");
}

export async function registerReconcileWorker(boss: PgBoss, context: JobContext): Promise<void> {
  await boss.work(QUEUES.reconcile, { pollingIntervalSeconds: 1 }, async () => runReconcileJob(context, boss));
}

/**
 * Starts this instance's reconciliation clock; returns its stop function.
 *
 * Why not pg-boss `schedule`: its cron has minute granularity (and is checked every 30 s),
 * while RECONCILE_INTERVAL_S may be as short as 5 s. Instead every instance ticks twice per
 * interval and sends a throttled job (singletonKey + singletonSeconds = the interval): pg-boss's
 * unique index on the time slot lets exactly one job per interval through, across all instances.
 */
export function startReconcileClock(boss: PgBoss, intervalSeconds: number): () => void {
  const tick = () => {
    boss.sendThrottled(QUEUES.reconcile, {}, {}, intervalSeconds, "reconcile").catch((error: unknown) => log.error({ err: error }, "reconcile.enqueue_failed"));
  };
  const first = setTimeout(tick, 1000);
  const timer = setInterval(tick, (intervalSeconds * 1000) / 2);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
