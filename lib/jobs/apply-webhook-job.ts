import type PgBoss from "pg-boss";
import { z } from "zod";
import { log } from "../log";
import { processDeliveries } from "../webhooks/process-deliveries";
import { QUEUES } from "./queues";
import { enqueueResolveSubmission } from "./resolve-submission-job";
import type { JobContext } from "./register-workers";

const applyWebhookDataSchema = z.object({ batchId: z.uuid() });

const WORKERS = 4;
const POLLING_INTERVAL_SECONDS = 0.5;

// This instance's apply-webhook workers, woken at once when it receives a delivery (the other
// instances poll; whichever fetches the job first runs it). On globalThis: Next loads the route
// handler and instrumentation as separate module graphs.
const local = globalThis as unknown as { payoutDeskApplyWebhookWorkers?: string[] };
const localWorkerIds = (local.payoutDeskApplyWebhookWorkers ??= []);

/**
 * Queues the re-read of one batch after a delivery. The queue's `short` policy keeps at most one
 * waiting job per batch (singletonKey), so a burst of deliveries coalesces into one provider
 * read; a delivery that arrives once that job is running queues the next one.
 */
export async function enqueueApplyWebhook(boss: PgBoss, batchId: string, executor?: PgBoss.Db): Promise<void> {
  const jobId = await boss.send(QUEUES.applyWebhook, { batchId }, { singletonKey: batchId, ...(executor ? { db: executor } : {}) });
  // Wake one local worker, and only for a new job: a coalesced delivery (null) or waking every
  // worker would cost a queue fetch per delivery, the receiver's main database load under a burst.
  if (jobId && localWorkerIds.length > 0) {
    nextWorker = (nextWorker + 1) % localWorkerIds.length;
    boss.notifyWorker(localWorkerIds[nextWorker]!);
  }
}
let nextWorker = 0;

/** apply-webhook: re-read the payout from Hello Clever and apply it (the delivery body is only a hint). */
export async function runApplyWebhookJob(context: JobContext, boss: PgBoss, data: unknown): Promise<void> {
  const { batchId } = applyWebhookDataSchema.parse(data);
  const outcome = await processDeliveries(context.db, context.helloClever, batchId);
  if (outcome.needsResolution) await enqueueResolveSubmission(boss, batchId);
  log.info({ batchId, outcome: outcome.kind, deliveries: outcome.deliveries }, "webhook.applied");
}

export async function registerApplyWebhookWorkers(boss: PgBoss, context: JobContext): Promise<void> {
  await boss.updateQueue(QUEUES.applyWebhook, { name: QUEUES.applyWebhook, policy: "short" });
  for (let i = 0; i < WORKERS; i++) {
    const id = await boss.work(QUEUES.applyWebhook, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async ([job]) => {
      if (job) await runApplyWebhookJob(context, boss, job.data);
    });
    localWorkerIds.push(id);
  }
}
