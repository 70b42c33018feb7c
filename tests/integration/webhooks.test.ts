import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, batches, providerEvents, transactions, webhookDeliveries } from "../../lib/db/schema";
import { parseEnv } from "../../lib/env";
import { createHelloCleverClient, type HelloCleverClient } from "../../lib/hello-clever/client";
import { startBoss } from "../../lib/jobs/boss";
import { registerApplyWebhookWorkers } from "../../lib/jobs/apply-webhook-job";
import { registerReconcileWorker, startReconcileClock } from "../../lib/jobs/reconcile-job";
import type { JobContext } from "../../lib/jobs/register-workers";
import { setBoss } from "../../lib/runtime";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createProviderBatch, type ProviderBatch } from "../helpers/provider-batch";
import { serveRoute, type RouteHandler, type ServedRoute } from "../helpers/serve-route";
import { launchSimulator, type LaunchedSimulator } from "../helpers/simulator";

// The receiver, the apply job and reconciliation against real PostgreSQL and the simulator
// delivering over HTTP. After every scenario the stored state must equal the provider's and
// each provider transition must have been applied exactly once.

let database: TestDatabase;
let simulator: LaunchedSimulator;
let client: HelloCleverClient;
let receiver: ServedRoute;
let boss: PgBoss;
let context: JobContext;

beforeAll(async () => {
  database = await createTestDatabase();
  // Statuses move only when a test advances them, so every step is observed: no timing luck.
  simulator = await launchSimulator({ env: { SIMULATOR_STEP_MS: "3600000", SIMULATOR_WEBHOOK_RETRY_DELAY_MS: "300" } });
  client = createHelloCleverClient({ baseUrl: simulator.url, appId: simulator.appId, secretKey: simulator.secretKey, retryBaseDelayMs: 50 });
  // The route handler reads the process-wide pool and queue, as it does inside Next.
  process.env.DATABASE_URL = database.url;
  (globalThis as { payoutDeskDb?: unknown }).payoutDeskDb = { db: database.db, sql: database.sql };
  boss = await startBoss(database.url, { max: 2 });
  setBoss(boss);
  const env = parseEnv({
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "x".repeat(32),
    HELLO_CLEVER_BASE_URL: simulator.url,
    HELLO_CLEVER_APP_ID: simulator.appId,
    HELLO_CLEVER_SECRET_KEY: simulator.secretKey,
    RECONCILE_INTERVAL_S: "5",
  });
  context = { db: database.db, env, helloClever: client };
  await registerApplyWebhookWorkers(boss, context);
  await registerReconcileWorker(boss, context);
  const route = await import("../../app/api/webhooks/hello-clever/[batchId]/route");
  receiver = await serveRoute(/^\/api\/webhooks\/hello-clever\/(?<batchId>[^/]+)$/, { POST: route.POST as RouteHandler });
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await boss?.stop({ graceful: false, wait: true });
  await simulator?.stop();
  await database?.drop();
});

beforeEach(async () => {
  await fetch(`${simulator.controlUrl}/faults`, { method: "DELETE" });
});

async function control(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${simulator.controlUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
}

function deliver(batchId: string, init: { authorization?: string | null; body?: BodyInit; contentType?: string }): Promise<Response> {
  const headers = new Headers({ "content-type": init.contentType ?? "application/json" });
  if (init.authorization) headers.set("authorization", init.authorization);
  return fetch(`${receiver.url}/api/webhooks/hello-clever/${batchId}`, { method: "POST", headers, body: init.body ?? "{}" });
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readBatch(batchId: string) {
  const [batch] = await database.db.select().from(batches).where(eq(batches.id, batchId));
  return batch!;
}

async function deliveriesOf(batchId: string) {
  return database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.batchId, batchId)).orderBy(asc(webhookDeliveries.id));
}

/** Stored state equals the provider's, and each transition was applied (and audited) exactly once. */
async function expectMatchesProvider(batch: ProviderBatch, expectedTransitions: string[]): Promise<void> {
  const payout = await client.getPayout(batch.providerUuid);
  const stored = await readBatch(batch.batchId);
  expect(stored.providerStatus).toBe(payout.status);
  expect(stored.status).toBe(payout.status);
  expect(stored.providerTotalAmount).toBe(payout.totalAmount);
  expect(stored.failedCount).toBe(payout.transactions.filter((t) => t.status === "failed").length);
  const rows = await database.db
    .select({ uuid: transactions.providerUuid, status: transactions.providerStatus, reason: transactions.failureReason })
    .from(transactions)
    .where(eq(transactions.batchId, batch.batchId))
    .orderBy(asc(transactions.position));
  expect(rows).toEqual(payout.transactions.map((t) => ({ uuid: t.uuid, status: t.status, reason: t.errorMessage })));
  const applied = await database.db
    .select({ status: providerEvents.providerStatus })
    .from(providerEvents)
    .where(and(eq(providerEvents.batchId, batch.batchId), eq(providerEvents.outcome, "applied")))
    .orderBy(asc(providerEvents.id));
  expect(applied.map((e) => e.status)).toEqual(expectedTransitions);
  const [audits] = await database.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.batchId, batch.batchId), eq(auditLog.action, "batch.provider_update")));
  expect(audits!.n).toBe(expectedTransitions.length);
}

const FULL_RUN = ["processing", "scheduled", "completed"];

/** Moves the payout through the full run at the simulator, waiting for the console to catch up at each step. */
async function advanceThroughFullRun(batch: ProviderBatch): Promise<void> {
  for (const status of FULL_RUN) {
    await control(`/payouts/${batch.providerUuid}/advance`);
    await waitFor(() => readBatch(batch.batchId), (b) => b.providerStatus === status);
  }
}

describe("Hello Clever webhooks", () => {
  it("applies each status once when every webhook arrives twice, and answers 200 to every copy", async () => {
    await control("/faults/duplicate", { count: 3 });
    const batch = await createProviderBatch(database.db, client, { receiverBaseUrl: receiver.url, accounts: ["1000000001", "1234567890", "1000000002"] });
    await advanceThroughFullRun(batch);
    await waitFor(() => deliveriesOf(batch.batchId), (d) => d.length === 6 && d.every((row) => row.processedAt !== null));
    await expectMatchesProvider(batch, FULL_RUN);
    const attempts = (await (await fetch(`${simulator.controlUrl}/deliveries?uuid=${batch.providerUuid}`)).json()) as { records: { http_status: number; kind: string }[] };
    expect(attempts.records.filter((r) => r.kind === "duplicate")).toHaveLength(3);
    expect(attempts.records.map((r) => r.http_status)).toEqual(Array(6).fill(200));
    const stored = await readBatch(batch.batchId);
    expect(stored.failedCount).toBe(2);
    const reasons = await database.db.select({ reason: transactions.failureReason }).from(transactions).where(eq(transactions.batchId, batch.batchId)).orderBy(asc(transactions.position));
    expect(reasons.map((r) => r.reason)).toEqual(["Beneficiary account does not exist", null, "Compliance block"]);
  });

  it("stores a stale status sent after a newer one and lets it change nothing", async () => {
    const batch = await createProviderBatch(database.db, client, { receiverBaseUrl: receiver.url, accounts: ["1234567890"] });
    await control("/faults/stale", { uuid: batch.providerUuid, after_status: "scheduled" });
    await advanceThroughFullRun(batch);
    const deliveries = await waitFor(() => deliveriesOf(batch.batchId), (d) => d.length === 4 && d.every((row) => row.processedAt !== null));
    expect(deliveries.map((d) => d.claimedStatus)).toEqual(["processing", "scheduled", "processing", "completed"]);
    await expectMatchesProvider(batch, FULL_RUN);
  });

  it("finishes a batch whose webhooks are all dropped through reconciliation", async () => {
    const batch = await createProviderBatch(database.db, client, { receiverBaseUrl: receiver.url, accounts: ["1234567890", "1000000001"] });
    await control("/faults/drop", { uuid: batch.providerUuid });
    const stopClock = startReconcileClock(boss, 1);
    try {
      await advanceThroughFullRun(batch);
    } finally {
      stopClock();
    }
    expect((await readBatch(batch.batchId)).lastReconciledAt).not.toBeNull();
    expect(await deliveriesOf(batch.batchId)).toHaveLength(0);
    const sources = await database.db.select({ source: providerEvents.source }).from(providerEvents).where(eq(providerEvents.batchId, batch.batchId));
    expect(new Set(sources.map((s) => s.source))).toEqual(new Set(["reconcile"]));
    await expectMatchesProvider(batch, FULL_RUN);
  });
});

describe("the webhook receiver refuses", () => {
  let batch: ProviderBatch;
  let other: ProviderBatch;

  beforeAll(async () => {
    // Held at `created` by a schedule a day ahead, so only the test's own requests reach them.
    const scheduledAt = new Date(Date.now() + 86_400_000);
    batch = await createProviderBatch(database.db, client, { receiverBaseUrl: receiver.url, accounts: ["1234567890"], scheduledAt });
    other = await createProviderBatch(database.db, client, { receiverBaseUrl: receiver.url, accounts: ["1234567890"], scheduledAt });
  });

  async function expectNothingStored(batchId: string) {
    expect(await deliveriesOf(batchId)).toHaveLength(0);
    expect((await readBatch(batchId)).status).toBe("submitted");
  }

  it("a delivery carrying another batch's secret (401, nothing stored)", async () => {
    const response = await deliver(batch.batchId, { authorization: other.secret, body: JSON.stringify({ status: "completed" }) });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("");
    await expectNothingStored(batch.batchId);
    await expectNothingStored(other.batchId);
  });

  it("a wrong or missing Authorization header (401, nothing stored)", async () => {
    expect((await deliver(batch.batchId, { authorization: `${batch.secret}x` })).status).toBe(401);
    expect((await deliver(batch.batchId, { authorization: null })).status).toBe(401);
    expect((await deliver(batch.batchId, { authorization: "" })).status).toBe(401);
    await expectNothingStored(batch.batchId);
  });

  it("an unknown batch (401) and a path that is not a batch id (404)", async () => {
    expect((await deliver(randomUUID(), { authorization: batch.secret })).status).toBe(401);
    expect((await deliver("not-a-uuid", { authorization: batch.secret })).status).toBe(404);
    await expectNothingStored(batch.batchId);
  });

  it("a body over 1 MB (413, nothing stored), with or without a declared length", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    expect((await deliver(batch.batchId, { authorization: batch.secret, body: big })).status).toBe(413);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 17; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        controller.close();
      },
    });
    const response = await fetch(`${receiver.url}/api/webhooks/hello-clever/${batch.batchId}`, {
      method: "POST",
      headers: { authorization: batch.secret, "content-type": "application/json" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    await expectNothingStored(batch.batchId);
  });

  it("malformed JSON: stored as received, answered 400, no change", async () => {
    const response = await deliver(batch.batchId, { authorization: batch.secret, body: '{"status": "completed"', contentType: "application/json; charset=utf-8" });
    expect(response.status).toBe(400);
    const [delivery] = await deliveriesOf(batch.batchId);
    expect(delivery).toMatchObject({ body: '{"status": "completed"', malformed: true, contentType: "application/json; charset=utf-8" });
    expect(JSON.stringify(delivery)).not.toContain(batch.secret);
    const stored = await readBatch(batch.batchId);
    expect(stored).toMatchObject({ status: "submitted", providerStatus: "created" });
    const events = await database.db.select().from(providerEvents).where(eq(providerEvents.batchId, batch.batchId));
    expect(events).toHaveLength(0);
  });

  it("nothing for a hostile body claiming completion: the provider's word is what counts", async () => {
    const response = await deliver(other.batchId, { authorization: other.secret, body: JSON.stringify({ uuid: other.providerUuid, status: "completed" }) });
    expect(response.status).toBe(200);
    const [delivery] = await waitFor(() => deliveriesOf(other.batchId), (d) => d.length === 1 && d[0]!.processedAt !== null);
    expect(delivery!.claimedStatus).toBe("completed");
    expect(await readBatch(other.batchId)).toMatchObject({ status: "submitted", providerStatus: "created" });
  });
});
