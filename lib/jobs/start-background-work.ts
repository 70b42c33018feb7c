import { getEnv } from "../env";
import { log } from "../log";
import { getDbHandle, getHelloCleverClient, onShutdown, setApplyWorkerWaker, setBoss } from "../runtime";
import { startBoss } from "./boss";
import { notifyConfigFromEnv, registerNotifyWorkers } from "./notify-jobs";
import { QUEUES } from "./queues";
import { startReconcileClock } from "./reconcile-job";
import { registerWorkers } from "./register-workers";
import { enqueueFirstMethodsSync } from "./sync-methods-job";

/** Called once per app instance from instrumentation.ts: validates env, starts the queue and its workers. */
export async function startBackgroundWork(): Promise<void> {
  const env = getEnv(); // a bad variable stops the boot here with a line naming it
  const boss = await startBoss(env.DATABASE_URL);
  setBoss(boss);
  onShutdown(async () => {
    await boss.stop({ graceful: true, timeout: 5000 });
    await getDbHandle().sql.end({ timeout: 5 });
  });
  const { wakeApplyWorker } = await registerWorkers(boss, { db: getDbHandle().db, env, helloClever: getHelloCleverClient() });
  setApplyWorkerWaker(wakeApplyWorker);
  await enqueueFirstMethodsSync(boss, getDbHandle().db);
  // Notifications, mail and outgoing webhooks, derived from the audit trail (issue 18).
  onShutdown(await registerNotifyWorkers(boss, { ...getDbHandle(), config: notifyConfigFromEnv(env) }));
  // Each minute (one run across all instances): expire stale approvals; sweep stuck, unknown and lost submissions.
  await boss.schedule(QUEUES.expireApprovals, "* * * * *");
  await boss.schedule(QUEUES.resolveSubmission, "* * * * *");
  const stopReconcileClock = startReconcileClock(boss, env.RECONCILE_INTERVAL_S);
  onShutdown(async () => stopReconcileClock());
  log.info({}, "jobs.started");
}
