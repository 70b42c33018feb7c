import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemContext } from "../../lib/context";
import { auditLog, batches, providerEvents, transactions, webhookDeliveries } from "../../lib/db/schema";
import { parseEnv } from "../../lib/env";
import { createHelloCleverClient, type HelloCleverClient } from "../../lib/hello-clever/client";
import { startBoss } from "../../lib/jobs/boss";
import { registerApplyWebhookWorkers } from "../../lib/jobs/apply-webhook-job";
import { registerReconcileWorker, startReconcileClock } from "../../lib/jobs/reconcile-job";
import type { JobContext } from "../../lib/jobs/job-context";
import { createDb, type DbHandle } from "../../lib/db";
import { enqueueApplyWebhook } from "../../lib/jobs/apply-webhook-job";
import { reconcileOpenBatches } from "../../lib/reconciliation/reconcile-open-batches";
import { receiveWebhook, type ReceiveWebhookDeps } from "../../lib/webhooks/receive-webhook";
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
let deps: ReceiveWebhookDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  // Statuses move only when a test advances them, so every step is observed: no timing luck.
  simulator = await launchSimulator({ env: { SIMULATOR_STEP_MS: "3600000", SIMULATOR_WEBHOOK_RETRY_DELAY_MS: "300" }, startTimeoutMs: 90_000 });
  client = createHelloCleverClient({ baseUrl: simulator.url, appId: simulator.appId, secretKey: simulator.secretKey, retryBaseDelayMs: 50 });
  boss = await startBoss(database.url, { max: 2 });
  const env = parseEnv({
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "x".repeat(32),
    HELLO_CLEVER_BASE_URL: simulator.url,
    HELLO_CLEVER_APP_ID: simulator.appId,
    HELLO_CLEVER_SECRET_KEY: simulator.secretKey,
    RECONCILE_INTERVAL_S: "5",
  });
  context = { db: database.db, env, helloClever: client };
  const wake = await registerApplyWebhookWorkers(boss, context);
  await registerReconcileWorker(boss, context);
  // The receiver as the app runs it (receiveWebhook), on this test's own pool and queue: no globals.
  deps = { db: database.db, enqueueApply: (batchId) => enqueueApplyWebhook(boss, batchId, { wake }) };
  receiver = await serveRoute(/^\/api\/webhooks\/hello-clever\/(?<batchId>[^/]+)$/, { POST: ((request: Request) => receiveWebhook(deps, request)) as RouteHandler });
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
    .select({ uuid: transactions.providerUuid, status: transactions.providerStatus, reason: transactions.failureReason, firstName: transactions.firstName, lastName: transactions.lastName })
    .from(transactions)
    .where(eq(transactions.batchId, batch.batchId))
    .orderBy(asc(transactions.position));
  // Each row holds its own provider transaction (the provider's order is not the request's).
  expect(rows.map(({ uuid, status, reason }) => ({ uuid, status, reason }))).toEqual(
    rows.map((row) => {
      const item = payout.transactions.find((t) => t.payee === `${row.firstName} ${row.lastName}`)!;
      return { uuid: item.uuid, status: item.status, reason: item.errorMessage };
    }),
  );
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

  it("a streamed body over 64 MB (413, nothing stored, on the timeline as refused)", async () => {
    let sent = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        try {
          if (sent++ >= 65) controller.close();
          else controller.enqueue(new Uint8Array(1024 * 1024).fill(32));
        } catch {
          // the receiver stopped reading and the request was torn down: nothing more to send
        }
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
    const refused = await database.db.select().from(providerEvents).where(and(eq(providerEvents.batchId, batch.batchId), eq(providerEvents.outcome, "refused")));
    expect(refused.map((event) => event.detail)).toContainEqual(expect.objectContaining({ httpStatus: 413 }));
  }, 180_000);

  it("malformed JSON: stored as received, answered 200 like any authentic delivery, no change", async () => {
    const response = await deliver(batch.batchId, { authorization: batch.secret, body: '{"status": "completed"', contentType: "application/json; charset=utf-8" });
    expect(response.status).toBe(200);
    const [delivery] = await deliveriesOf(batch.batchId);
    expect(delivery).toMatchObject({ body: '{"status": "completed"', malformed: true, contentType: "application/json; charset=utf-8" });
    expect(JSON.stringify(delivery)).not.toContain(batch.secret);
    await waitFor(() => deliveriesOf(batch.batchId), (d) => d.every((row) => row.processedAt !== null));
    const stored = await readBatch(batch.batchId);
    expect(stored).toMatchObject({ status: "submitted", providerStatus: "created" });
    const applied = await database.db.select().from(providerEvents).where(and(eq(providerEvents.batchId, batch.batchId), eq(providerEvents.outcome, "applied")));
    expect(applied).toHaveLength(0);
  });

  it("a NUL inside a JSON string: stored escaped, answered 200", async () => {
    const body = `{"uuid":"${batch.providerUuid}","status":"created","description":"a\u0000b"}`;
    expect(body).toContain("\u0000");
    const response = await deliver(batch.batchId, { authorization: batch.secret, body });
    expect(response.status).toBe(200);
    const deliveries = await deliveriesOf(batch.batchId);
    const stored = deliveries.find((row) => row.body.includes("a\\u0000b"));
    expect(stored).toMatchObject({ malformed: false, claimedStatus: "created" });
  });

  it("a wrong secret for a known batch is on its timeline as refused (401), once a minute at most", async () => {
    for (let i = 0; i < 3; i++) expect((await deliver(other.batchId, { authorization: "forged" })).status).toBe(401);
    const refused = await database.db.select().from(providerEvents).where(and(eq(providerEvents.batchId, other.batchId), eq(providerEvents.outcome, "refused")));
    expect(refused.map((event) => event.detail)).toEqual([expect.objectContaining({ httpStatus: 401, reason: "wrong_secret" })]);
  });

  it("nothing for a hostile body claiming completion: the provider's word is what counts", async () => {
    const response = await deliver(other.batchId, { authorization: other.secret, body: JSON.stringify({ uuid: other.providerUuid, status: "completed" }) });
    expect(response.status).toBe(200);
    const [delivery] = await waitFor(() => deliveriesOf(other.batchId), (d) => d.length === 1 && d[0]!.processedAt !== null);
    expect(delivery!.claimedStatus).toBe("completed");
    expect(await readBatch(other.batchId)).toMatchObject({ status: "submitted", providerStatus: "created" });
  });
});

describe("webhooks of any size the provider may send", () => {
  it("a 10,000-row payout: every authentic delivery answered 200, its body kept compressed, each row its own outcome", async () => {
    const accounts = Array.from({ length: 10_000 }, (_, i) => (i % 1000 === 7 ? `5550${String(i).padStart(4, "0")}0001` : `8${String(i).padStart(8, "0")}5`));
    const batch = await createProviderBatch(database.db, client, { receiverBaseUrl: receiver.url, accounts, amount: "200.00" });
    await advanceThroughFullRun(batch);
    const deliveries = await waitFor(() => deliveriesOf(batch.batchId), (d) => d.length === 3 && d.every((row) => row.processedAt !== null), 120_000);
    const attempts = (await (await fetch(`${simulator.controlUrl}/deliveries?uuid=${batch.providerUuid}`)).json()) as { records: { http_status: number }[] };
    expect(attempts.records.map((r) => r.http_status)).toEqual([200, 200, 200]);
    const last = deliveries.at(-1)!;
    expect(last.bodySize).toBeGreaterThan(2.5 * 1024 * 1024);
    expect(last.bodyGzip).not.toBeNull();
    expect(last.body.length).toBeLessThanOrEqual(64 * 1024);
    expect(last.claimedStatus).toBe("completed");
    const stored = await readBatch(batch.batchId);
    expect(stored).toMatchObject({ status: "completed", failedCount: 10, providerUnmatched: null });
    const [failed] = await database.db.select({ n: count() }).from(transactions).where(and(eq(transactions.batchId, batch.batchId), eq(transactions.failureReason, "Beneficiary account does not exist")));
    expect(failed!.n).toBe(10);
  }, 180_000);
});

describe("when the database fails under the receiver", () => {
  it("deliveries answered 500 meanwhile are recovered by reconciliation", async () => {
    // A receiver whose database is gone (connection refused): every delivery is a 500.
    const dead: DbHandle = createDb("postgres://postgres:postgres@127.0.0.1:9/none", { max: 1 });
    const broken = await serveRoute(/^\/api\/webhooks\/hello-clever\/(?<batchId>[^/]+)$/, {
      POST: ((request: Request) => receiveWebhook({ db: dead.db, enqueueApply: async () => undefined }, request)) as RouteHandler,
    });
    try {
      const batch = await createProviderBatch(database.db, client, { receiverBaseUrl: broken.url, accounts: ["1234567890", "1000000001"] });
      await control(`/payouts/${batch.providerUuid}/advance`);
      await waitFor(
        async () => (await (await fetch(`${simulator.controlUrl}/deliveries?uuid=${batch.providerUuid}`)).json()) as { records: { http_status: number }[] },
        (attempts) => attempts.records.some((r) => r.http_status === 500),
      );
      for (let step = 0; step < 2; step++) await control(`/payouts/${batch.providerUuid}/advance`);
      expect((await readBatch(batch.batchId)).status).toBe("submitted");
      await reconcileOpenBatches(systemContext(database.db, "reconcile"), { client, queue: { enqueueResolve: async () => undefined }, limit: 1000, minAgeSeconds: 0 });
      await expectMatchesProvider(batch, ["completed"]);
    } finally {
      await broken.close();
      await dead.sql.end({ timeout: 1 });
    }
  });
});
