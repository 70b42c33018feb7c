import type PgBoss from "pg-boss";
import { systemContext } from "../context";
import type { Db } from "../db";
import { payoutMethods } from "../db/schema";
import { getEnv } from "../env";
import { log } from "../log";
import { methodsToSync } from "../methods/known-methods";
import { syncMethods } from "../methods/sync-methods";
import { QUEUES } from "./queues";
import type { JobContext } from "./job-context";

/** sync-methods: fetch the methods catalogue from Hello Clever (see lib/methods/sync-methods). */
export async function workSyncMethods(boss: PgBoss, context: JobContext): Promise<void> {
  await boss.work(QUEUES.syncMethods, async () => {
    const env = getEnv();
    const outcome = await syncMethods(systemContext(context.db, "sync-methods"), {
      client: context.helloClever,
      methods: methodsToSync(env.HELLO_CLEVER_METHODS),
      useListEndpoint: Boolean(env.HELLO_CLEVER_LIST_METHODS_PATH),
    });
    if (outcome.kind === "unavailable") {
      // Thrown so the queue retries with backoff; the stored catalogue (if any) keeps serving meanwhile.
      log.warn({ message: outcome.message }, "methods.sync_unavailable");
      throw new Error(outcome.message);
    }
    log.info({ total: outcome.total, unusable: outcome.unusable.length, withdrawn: outcome.withdrawn.length }, "methods.synced");
  });
}

/** On first start the catalogue is empty and nothing can be drafted: fetch it in the background. */
export async function enqueueFirstMethodsSync(boss: PgBoss, db: Db): Promise<void> {
  if ((await db.$count(payoutMethods)) > 0) return;
  // Instances booting together may each send one; a second sync is a harmless re-upsert.
  await boss.send(QUEUES.syncMethods, {});
  log.info({}, "methods.first_sync_enqueued");
}
