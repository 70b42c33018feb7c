import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveBatch } from "../../lib/approvals/approve-batch";
import { batches, type Batch } from "../../lib/db/schema";
import { parseEnv } from "../../lib/env";
import { createHelloCleverClient } from "../../lib/hello-clever/client";
import { startBoss } from "../../lib/jobs/boss";
import { QUEUES } from "../../lib/jobs/queues";
import type { JobContext } from "../../lib/jobs/job-context";
import { workResolveSubmission } from "../../lib/jobs/resolve-submission-job";
import { enqueueSubmitBatch, workSubmitBatch } from "../../lib/jobs/submit-batch-job";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertUser } from "../helpers/batch-fixtures";
import { insertBatch } from "../helpers/pending-batch";
import { launchSimulator, type LaunchedSimulator } from "../helpers/simulator";
import { userContext } from "../helpers/context";
import type { Role } from "../../lib/auth/roles";

// The queue path end to end: approval → pg-boss job on the app database → Hello Clever.
let t: TestDatabase;
let sim: LaunchedSimulator;
let boss: PgBoss;
let maker: { id: string; label: string; roles: Role[] };
let approver: { id: string; label: string; roles: Role[] };

async function waitForBatch(batchId: string, done: (batch: Batch) => boolean, timeoutMs = 20_000): Promise<Batch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, batchId));
    if (batch && done(batch)) return batch;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} is still ${batch?.status} / ${batch?.attentionCode}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function payoutsFor(batchId: string): Promise<unknown[]> {
  const { records } = (await (await fetch(`${sim.controlUrl}/payouts`)).json()) as { records: { external_id: string }[] };
  return records.filter((payout) => payout.external_id === batchId);
}

beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), launchSimulator({ env: { SIMULATOR_STEP_MS: "600000" }, startTimeoutMs: 90_000 })]);
  const env = parseEnv({
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: "x".repeat(32),
    HELLO_CLEVER_BASE_URL: sim.url,
    HELLO_CLEVER_APP_ID: sim.appId,
    HELLO_CLEVER_SECRET_KEY: sim.secretKey,
  });
  boss = await startBoss(t.url, { max: 2 });
  const context: JobContext = { db: t.db, env, helloClever: createHelloCleverClient({ baseUrl: sim.url, appId: sim.appId, secretKey: sim.secretKey }) };
  await workSubmitBatch(boss, context);
  await workResolveSubmission(boss, context);
  maker = await insertUser(t.db, ["operator"]);
  approver = await insertUser(t.db, ["approver"]);
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await Promise.all([t?.drop(), sim?.stop()]);
});

describe("approval to submission through the job queue", () => {
  it("the final approval enqueues a job that submits the batch once", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id });
    await approveBatch(userContext(t.db, approver), { batchId: batch.id, version: 1 }, { enqueueSubmit: (id) => enqueueSubmitBatch(boss, id) });
    const done = await waitForBatch(batch.id, (b) => b.status === "submitted");
    expect(done.providerUuid).toBeTruthy();
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("an unknown outcome is looked up by the job it queues, and ends submitted", async () => {
    await fetch(`${sim.controlUrl}/faults/next-create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "500_after_create" }) });
    const batch = await insertBatch(t.db, { makerId: maker.id, status: "approved" });
    await enqueueSubmitBatch(boss, batch.id);
    await waitForBatch(batch.id, (b) => b.status === "needs_attention");
    await waitForBatch(batch.id, (b) => b.status === "submitted");
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("the periodic sweep re-enqueues an approved batch whose submit job was lost", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, status: "approved", overrides: { updatedAt: new Date(Date.now() - 10 * 60_000) } });
    await boss.send(QUEUES.resolveSubmission, {});
    await waitForBatch(batch.id, (b) => b.status === "submitted");
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("one slow create does not hold the other approved batches: submissions run concurrently", async () => {
    await fetch(`${sim.controlUrl}/faults/next-create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "timeout", hold_ms: 20_000 }) });
    const slow = await insertBatch(t.db, { makerId: maker.id, status: "approved" });
    await enqueueSubmitBatch(boss, slow.id);
    const deadline = Date.now() + 60_000;
    while ((await payoutsFor(slow.id)).length === 0) {
      if (Date.now() > deadline) throw new Error("the slow create never reached the provider");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const others = await Promise.all([1, 2, 3].map(() => insertBatch(t.db, { makerId: maker.id, status: "approved" })));
    for (const batch of others) await enqueueSubmitBatch(boss, batch.id);
    for (const batch of others) await waitForBatch(batch.id, (b) => b.status === "submitted", 60_000);
    // The slow one is still waiting for its answer meanwhile, then ends submitted too, once.
    expect((await t.db.select().from(batches).where(eq(batches.id, slow.id)))[0]!.status).toBe("submitting");
    await waitForBatch(slow.id, (b) => b.status === "submitted", 60_000);
    expect(await payoutsFor(slow.id)).toHaveLength(1);
  }, 150_000);
});
