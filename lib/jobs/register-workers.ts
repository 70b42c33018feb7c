import type PgBoss from "pg-boss";
import type { JobContext } from "./job-context";
import { workExpireApprovals } from "./expire-approvals-job";
import { workResolveSubmission } from "./resolve-submission-job";
import { workSubmitBatch } from "./submit-batch-job";
import { registerApplyWebhookWorkers } from "./apply-webhook-job";
import { registerReconcileWorker } from "./reconcile-job";
import { workSyncMethods } from "./sync-methods-job";


/**
 * Subscribes this instance to every queue. Each handler is as thin as an action: parse the job
 * data, call lib, log. Any instance may run any job; a crashed one loses nothing (the job is
 * retried once its lease expires).
 */
export async function registerWorkers(boss: PgBoss, context: JobContext): Promise<{ wakeApplyWorker: () => void }> {
  const wakeApplyWorker = await registerApplyWebhookWorkers(boss, context);
  await registerReconcileWorker(boss, context);
  await workSubmitBatch(boss, context);
  await workResolveSubmission(boss, context);
  await workExpireApprovals(boss, context);
  await workSyncMethods(boss, context);
  return { wakeApplyWorker };
}
