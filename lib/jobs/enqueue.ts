import type PgBoss from "pg-boss";
import { QUEUES } from "./queues";

// The job senders, apart from the handlers, so handlers can queue each other without importing one another.

/**
 * Queues the submission of one approved batch. One waiting job per batch (singletonKey on a
 * `short` queue); a second run is harmless anyway: submitting is conditional on `approved`.
 */
export async function enqueueSubmitBatch(boss: PgBoss, batchId: string): Promise<void> {
  await boss.send(QUEUES.submitBatch, { batchId }, { singletonKey: batchId });
}

/** Queues the lookup of a submission Hello Clever may hold (outcome unknown, HC_PAYOUT1/2). */
export async function enqueueResolveSubmission(boss: PgBoss, batchId: string, options: { startAfterSeconds?: number } = {}): Promise<void> {
  await boss.send(QUEUES.resolveSubmission, { batchId }, { startAfter: options.startAfterSeconds ?? 0 });
}
