import type PgBoss from "pg-boss";
import { z } from "zod";
import { providerIsSimulator, publicBaseUrl } from "../env";
import { log } from "../log";
import { needsLookup } from "../submission/attention-codes";
import { submitBatch } from "../submission/submit-batch";
import { QUEUES } from "./queues";
import type { JobContext } from "./register-workers";
import { enqueueResolveSubmission } from "./resolve-submission-job";

const dataSchema = z.object({ batchId: z.uuid() });

/** Queues the submission of one approved batch (safe to call twice: submitting is conditional). */
export async function enqueueSubmitBatch(boss: PgBoss, batchId: string): Promise<void> {
  await boss.send(QUEUES.submitBatch, { batchId });
}

/** submit-batch: sends one approved batch to Hello Clever; an unknown outcome queues its lookup. */
export async function workSubmitBatch(boss: PgBoss, context: JobContext): Promise<void> {
  const config = { publicBaseUrl: publicBaseUrl(context.env), providerIsSimulator: providerIsSimulator(context.env) };
  // Polled every second: an approver waits on the page for this one.
  await boss.work(QUEUES.submitBatch, { pollingIntervalSeconds: 1 }, async ([job]) => {
    const { batchId } = dataSchema.parse(job!.data);
    const outcome = await submitBatch(context.db, context.helloClever, { batchId, config });
    log.info({ batchId, jobId: job!.id, outcome }, "submission.done");
    if (outcome.kind === "needs_attention" && needsLookup(outcome.code)) {
      log.warn({ batchId, externalId: batchId }, "submission.ambiguous");
      await enqueueResolveSubmission(boss, batchId, { startAfterSeconds: 5 });
    }
  });
}
