import { enqueueApplyWebhook } from "../jobs/apply-webhook-job";
import { pgBossExecutor } from "../jobs/pg-boss-executor";
import { getBoss, getDbHandle, wakeApplyWorker } from "../runtime";
import type { ReceiveWebhookDeps } from "./receive-webhook";

/** The receiver's dependencies in a running app instance (route handler and scripts/serve.ts). */
export function runtimeWebhookDeps(): ReceiveWebhookDeps {
  const { db, sql } = getDbHandle();
  const boss = getBoss();
  return { db, enqueueApply: (batchId) => enqueueApplyWebhook(boss, batchId, { executor: pgBossExecutor(sql), wake: wakeApplyWorker }) };
}
