import type PgBoss from "pg-boss";
import { z } from "zod";
import { systemContext } from "../context";
import { providerIsSimulator, publicBaseUrl } from "../env";
import { log } from "../log";
import { needsLookup } from "../submission/attention-codes";
import { submitBatch } from "../submission/submit-batch";
import { QUEUES } from "./queues";
import type { JobContext } from "./job-context";
import { enqueueResolveSubmission } from "./enqueue";

const dataSchema = z.object({ batchId: z.uuid() });

/** Submissions run at once per instance: one slow create (up to its 30 s timeout) never holds the others. */
export const SUBMIT_WORKERS = 4;

export { enqueueSubmitBatch } from "./enqueue";

/** submit-batch: sends one approved batch to Hello Clever; an unknown outcome queues its lookup. */
export async function workSubmitBatch(boss: PgBoss, context: JobContext): Promise<void> {
  const config = { publicBaseUrl: publicBaseUrl(context.env), providerIsSimulator: providerIsSimulator(context.env) };
  await boss.updateQueue(QUEUES.submitBatch, { name: QUEUES.submitBatch, policy: "short" });
  // N workers, each taking one job at a time, polled every second: an approver waits on the page for this one.
  for (let i = 0; i < SUBMIT_WORKERS; i++) await boss.work(QUEUES.submitBatch, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    const { batchId } = dataSchema.parse(job!.data);
    const outcome = await submitBatch(systemContext(context.db, QUEUES.submitBatch), { client: context.helloClever, batchId, config });
    log.info({ batchId, jobId: job!.id, outcome }, "submission.done");
    if (outcome.kind === "needs_attention" && needsLookup(outcome.code)) {
      log.warn({ batchId, externalId: batchId }, "submission.ambiguous");
      await enqueueResolveSubmission(boss, batchId, { startAfterSeconds: 5 });
    }
  });
}
