import PgBoss from "pg-boss";
import { log } from "../log";
import { QUEUES } from "./queues";

/** Starts pg-boss on the app's database (its tables live in schema `pgboss`) and creates every queue. */
export async function startBoss(connectionString: string, options: { max?: number } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: options.max ?? 4, application_name: "payout-desk-jobs" });
  boss.on("error", (error) => log.error({ err: error }, "jobs.error"));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    // Failed jobs retry with backoff; the handlers are idempotent, so a retry is always safe.
    await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 });
  }
  return boss;
}
