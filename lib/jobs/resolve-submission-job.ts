import type PgBoss from "pg-boss";
import { z } from "zod";
import { systemContext } from "../context";
import { log } from "../log";
import { DEFAULT_ABSENT_AFTER_MS, resolveSubmission } from "../submission/resolve-submission";
import { sweepSubmissions } from "../submission/sweep-submissions";
import { QUEUES } from "./queues";
import { enqueueResolveSubmission, enqueueSubmitBatch } from "./enqueue";
import type { JobContext } from "./job-context";

// With a batch id: resolve that batch (the submit job and reconciliation send these). Without:
// the periodic sweep (scheduled in start-background-work) repairs what crashes left behind.
const dataSchema = z.object({ batchId: z.uuid().optional() });

export { enqueueResolveSubmission } from "./enqueue";

async function resolveOne(boss: PgBoss, context: JobContext, batchId: string): Promise<void> {
  const outcome = await resolveSubmission(systemContext(context.db, QUEUES.resolveSubmission), { client: context.helloClever, batchId });
  log.info({ batchId, outcome }, "submission.resolve");
  if (outcome.kind === "too_early") {
    // Absence is not yet certain: look again once it can be.
    await enqueueResolveSubmission(boss, batchId, { startAfterSeconds: Math.ceil(DEFAULT_ABSENT_AFTER_MS / 1000) });
  }
  if (outcome.kind === "lookup_failed") throw new Error(`lookup of batch ${batchId} failed: ${outcome.message}`);
}

/** resolve-submission: one batch's lookup, or (no batch id) the sweep of stuck, unknown and lost submissions. */
export async function workResolveSubmission(boss: PgBoss, context: JobContext): Promise<void> {
  await boss.work(QUEUES.resolveSubmission, async ([job]) => {
    const { batchId } = dataSchema.parse(job!.data ?? {});
    if (batchId) return resolveOne(boss, context, batchId);
    const sweep = await sweepSubmissions(systemContext(context.db, QUEUES.resolveSubmission));
    if (sweep.stuck.length > 0) log.warn({ batchIds: sweep.stuck }, "submission.stuck");
    for (const id of sweep.unresolved) {
      // One failed lookup must not stop the others; the next sweep retries it.
      await resolveOne(boss, context, id).catch((error: unknown) => log.warn({ err: error, batchId: id }, "submission.resolve_failed"));
    }
    for (const id of sweep.approvedWithoutJob) {
      log.warn({ batchId: id }, "submission.requeued");
      await enqueueSubmitBatch(boss, id);
    }
  });
}
