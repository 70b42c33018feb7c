import type PgBoss from "pg-boss";
import { expireApprovals } from "../approvals/expire-approvals";
import { systemContext } from "../context";
import { log } from "../log";
import { QUEUES } from "./queues";
import type { JobContext } from "./job-context";

/** expire-approvals: batches that waited longer than APPROVAL_EXPIRY_DAYS stop waiting (scheduled each minute). */
export async function workExpireApprovals(boss: PgBoss, context: JobContext): Promise<void> {
  await boss.work(QUEUES.expireApprovals, async () => {
    const expired = await expireApprovals(systemContext(context.db, QUEUES.expireApprovals), { expiryDays: context.env.APPROVAL_EXPIRY_DAYS });
    if (expired.length > 0) log.info({ batchIds: expired }, "approval.expired");
  });
}
