import type PgBoss from "pg-boss";
import { z } from "zod";
import { systemContext } from "../context";
import { log } from "../log";
import { processDeliveries } from "../webhooks/process-deliveries";
import { QUEUES } from "./queues";
import { enqueueResolveSubmission } from "./enqueue";
import type { JobContext } from "./job-context";

const applyWebhookDataSchema = z.object({ batchId: z.uuid() });

const WORKERS = 4;
const POLLING_INTERVAL_SECONDS = 0.5;

export type EnqueueApplyOptions = {
  /** Run the insert on this executor (the app's prepared postgres.js pool) instead of pg-boss's own. */
  executor?: PgBoss.Db;
  /** Wakes one local worker (registerApplyWebhookWorkers' answer); the other instances poll. */
  wake?: () => void;
};

/**
 * Queues the re-read of one batch after a delivery. The queue's `short` policy keeps at most one
 * waiting job per batch (singletonKey), so a burst of deliveries coalesces into one provider
 * read; a delivery that arrives once that job is running queues the next one.
 */
export async function enqueueApplyWebhook(boss: PgBoss, batchId: string, options: EnqueueApplyOptions = {}): Promise<void> {
  const jobId = await boss.send(QUEUES.applyWebhook, { batchId }, { singletonKey: batchId, ...(options.executor ? { db: options.executor } : {}) });
  // Wake one local worker, and only for a new job: a coalesced delivery (null) or waking every
  // worker would cost a queue fetch per delivery, the receiver's main database load under a burst.
  if (jobId) options.wake?.();
}

/** apply-webhook: re-read the payout from Hello Clever and apply it (the delivery body is only a hint). */
export async function runApplyWebhookJob(context: JobContext, boss: PgBoss, data: unknown): Promise<void> {
  const { batchId } = applyWebhookDataSchema.parse(data);
  const outcome = await processDeliveries(systemContext(context.db, QUEUES.applyWebhook), { client: context.helloClever, batchId });
  if (outcome.needsResolution) await enqueueResolveSubmission(boss, batchId);
  log.info({ batchId, outcome: outcome.kind, deliveries: outcome.deliveries }, "webhook.applied");
}

/** Subscribes this instance's apply-webhook workers; returns the function that wakes one of them (round robin). */
export async function registerApplyWebhookWorkers(boss: PgBoss, context: JobContext): Promise<() => void> {
  await boss.updateQueue(QUEUES.applyWebhook, { name: QUEUES.applyWebhook, policy: "short" });
  const workerIds: string[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const id = await boss.work(QUEUES.applyWebhook, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async ([job]) => {
      if (job) await runApplyWebhookJob(context, boss, job.data);
    });
    workerIds.push(id);
  }
  let next = 0;
  return () => {
    next = (next + 1) % workerIds.length;
    boss.notifyWorker(workerIds[next]!);
  };
}
