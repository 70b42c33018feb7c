import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { batches, providerEvents, transactions, type Batch } from "../../lib/db/schema";
import { createHelloCleverClient, type HelloCleverClient } from "../../lib/hello-clever/client";
import { applyPayout } from "../../lib/provider-sync/apply-payout";
import { reconcileOpenBatches } from "../../lib/reconciliation/reconcile-open-batches";
import { ATTENTION_MESSAGES } from "../../lib/submission/attention-codes";
import { cancelScheduledPayout } from "../../lib/submission/cancel-scheduled-payout";
import { resolveSubmission } from "../../lib/submission/resolve-submission";
import { retrySubmission } from "../../lib/submission/retry-submission";
import { submitBatch, type SubmissionConfig } from "../../lib/submission/submit-batch";
import { sweepSubmissions } from "../../lib/submission/sweep-submissions";
import { createContext, systemContext } from "../../lib/context";
import type { Role } from "../../lib/auth/roles";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertUser } from "../helpers/batch-fixtures";
import { auditRows, insertBatch } from "../helpers/pending-batch";
import { launchSimulator, type LaunchedSimulator } from "../helpers/simulator";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONFIG: SubmissionConfig = { publicBaseUrl: "http://127.0.0.1:3999", providerIsSimulator: true };

let t: TestDatabase;
let sim: LaunchedSimulator;
let client: HelloCleverClient;
let maker: { id: string; label: string; roles: ["operator"] };
let approver: { id: string; label: string; roles: ["approver"] };
const queue = { enqueued: [] as string[], enqueueSubmit: async (id: string) => void queue.enqueued.push(id) };

type SimPayout = { uuid: string; external_id: string | null; status: string; scheduled_at: string | null; webhook_notification: { endpoint_url: string; authorization_header: string } };

async function control(method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.controlUrl}${route}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** What the simulator holds for this batch (GET /__control/payouts): the proof of at-most-once. */
async function payoutsFor(batchId: string): Promise<SimPayout[]> {
  const { records } = (await control("GET", "/payouts")) as { records: SimPayout[] };
  return records.filter((payout) => payout.external_id === batchId);
}

/** Polls until `done`, with a deadline: a test never spins for ever. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A request context for this person, as the server action builds one. */
function as(user: { id: string; label: string; roles: readonly Role[] }) {
  return createContext(t.db, { kind: "user", ...user });
}

/** The context a job's handler builds (the job's name, optionally its clock). */
function job(name: string, now?: () => Date) {
  return systemContext(t.db, name, { now });
}

async function batchRow(batchId: string): Promise<Batch> {
  const [row] = await t.db.select().from(batches).where(eq(batches.id, batchId));
  return row!;
}

function approvedBatch(options: Omit<Parameters<typeof insertBatch>[1], "makerId"> = {}) {
  return insertBatch(t.db, { makerId: maker.id, status: "approved", ...options });
}

beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), launchSimulator({ env: { SIMULATOR_STEP_MS: "600000" }, startTimeoutMs: 90_000 })]);
  client = createHelloCleverClient({ baseUrl: sim.url, appId: sim.appId, secretKey: sim.secretKey, createTimeoutMs: 1000, retryBaseDelayMs: 20 });
  maker = { ...(await insertUser(t.db, ["operator"], "Olivia Maker")), roles: ["operator"] };
  approver = { ...(await insertUser(t.db, ["approver"], "Ava Approver")), roles: ["approver"] };
});
afterAll(async () => {
  await Promise.all([t?.drop(), sim?.stop()]);
});
beforeEach(async () => {
  await control("DELETE", "/faults");
  await control("PUT", "/balances/PHP", { available_balance: "1000000" });
  queue.enqueued.length = 0;
});

describe("submitBatch", () => {
  it("sends an approved batch once, with the batch id as external_id and a per-batch secret of which only the hash is kept", async () => {
    const scheduledAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3600_000);
    const batch = await approvedBatch({ amounts: ["250.00", "1000.50"], scheduledAt });
    const outcome = await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    const [payout, ...others] = await payoutsFor(batch.id);
    expect(others).toEqual([]);
    expect(outcome).toEqual({ kind: "submitted", providerUuid: payout!.uuid });

    const row = await batchRow(batch.id);
    expect(row).toMatchObject({ status: "submitted", providerUuid: payout!.uuid, providerStatus: "created", providerTotalAmount: "1250.50", submissionAttempts: 1 });
    expect(row.submittedAt).toBeInstanceOf(Date);
    const secret = payout!.webhook_notification.authorization_header;
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(row.webhookSecretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(payout!.webhook_notification.endpoint_url).toBe(`http://127.0.0.1:3999/api/webhooks/hello-clever/${batch.id}`);
    expect(payout!.scheduled_at).toMatch(new RegExp(`^${scheduledAt.toISOString().slice(0, 19)}`));

    const events = await t.db.select().from(providerEvents).where(eq(providerEvents.batchId, batch.id));
    expect(events).toMatchObject([{ source: "submit", providerStatus: "created", outcome: "applied" }]);
    expect((await auditRows(t.db, batch.id)).map((r) => [r.action, (r.after as { status: string }).status])).toEqual([
      ["batch.submission_start", "submitting"],
      ["batch.submit", "submitted"],
      ["batch.provider_update", "submitted"],
    ]);
  });

  it("posts once when the job runs twice at the same time", async () => {
    const batch = await approvedBatch();
    const outcomes = await Promise.all([submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG }), submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["skipped", "submitted"]);
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("does nothing for a batch that is not approved", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id });
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "skipped", status: "pending_approval" });
    expect(await payoutsFor(batch.id)).toHaveLength(0);
  });

  it("refuses to send to a real provider when PUBLIC_BASE_URL is not https", async () => {
    const batch = await approvedBatch();
    const outcome = await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: { publicBaseUrl: "http://payouts.example.com", providerIsSimulator: false } });
    expect(outcome).toEqual({ kind: "needs_attention", code: "insecure_callback" });
    expect(await payoutsFor(batch.id)).toHaveLength(0);
    expect(await batchRow(batch.id)).toMatchObject({ status: "needs_attention", attentionCode: "insecure_callback", submissionAttempts: 0 });
  });

  it("keeps the provider's messages per field when it refuses the batch, and nothing is created", async () => {
    const batch = await approvedBatch({ firstName: "Juan!" });
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "needs_attention", code: "provider_validation" });
    const row = await batchRow(batch.id);
    expect(row).toMatchObject({ status: "needs_attention", attentionCode: "provider_validation" });
    const fieldErrors = (row.attentionDetails as { fieldErrors: { field: string; message: string }[] }).fieldErrors;
    expect(fieldErrors[0]).toMatchObject({ field: expect.stringContaining("first_name"), message: expect.any(String) });
    expect(await payoutsFor(batch.id)).toHaveLength(0);
  });

  it("HC_PAYOUT1 refused at create (the payout exists): never retryable, the lookup links the batch to it; expired, it is never re-posted", async () => {
    await control("POST", "/faults/next-create", { mode: "hc_payout1_error" });
    const batch = await approvedBatch();
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "needs_attention", code: "insufficient_funds" });
    expect(await batchRow(batch.id)).toMatchObject({ attentionMessage: expect.stringContaining("top up your PHP balance"), providerErrorCode: "HC_PAYOUT1" });
    await expect(retrySubmission(as(approver), { batchId: batch.id }, { queue })).rejects.toMatchObject({ code: "conflict" });

    const [payout, ...others] = await payoutsFor(batch.id);
    expect(others).toEqual([]);
    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toEqual({ kind: "submitted", providerUuid: payout!.uuid });
    expect(await batchRow(batch.id)).toMatchObject({ status: "submitted", providerUuid: payout!.uuid, providerStatus: "created", providerErrorCode: "HC_PAYOUT1", attentionCode: null });

    await control("POST", `/payouts/${payout!.uuid}/expire`);
    await reconcileOpenBatches(job("reconcile"), { client, queue: { enqueueResolve: async () => undefined }, limit: 1000, minAgeSeconds: 0 });
    expect(await batchRow(batch.id)).toMatchObject({ status: "expired", providerStatus: "expired" });
    await expect(retrySubmission(as(approver), { batchId: batch.id }, { queue })).rejects.toMatchObject({ code: "conflict" });
    expect(queue.enqueued).toEqual([]);
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("HC_PAYOUT1 in the created payout's error_code: the batch is linked and shows it, nothing to retry", async () => {
    await control("PUT", "/balances/PHP", { available_balance: "100" });
    const batch = await approvedBatch();
    const outcome = await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    expect(outcome).toMatchObject({ kind: "submitted" });
    expect(await batchRow(batch.id)).toMatchObject({ status: "submitted", providerErrorCode: "HC_PAYOUT1", providerErrorMessage: expect.stringMatching(/insufficient funds/i) });
    await expect(retrySubmission(as(approver), { batchId: batch.id }, { queue })).rejects.toMatchObject({ code: "conflict" });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("HC_PAYOUT2 refused at create: looked up, never retryable meanwhile; the payout proceeds to completed, once", async () => {
    await control("POST", "/faults/next-create", { mode: "hc_payout2_error" });
    const batch = await approvedBatch();
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "needs_attention", code: "payto_charge" });
    expect(await batchRow(batch.id)).toMatchObject({ providerErrorCode: "HC_PAYOUT2", attentionMessage: ATTENTION_MESSAGES.payto_charge });
    await expect(retrySubmission(as(approver), { batchId: batch.id }, { queue })).rejects.toMatchObject({ code: "conflict" });
    const [payout] = await payoutsFor(batch.id);
    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toMatchObject({ kind: "submitted" });
    for (let step = 0; step < 3; step++) await control("POST", `/payouts/${payout!.uuid}/advance`);
    await reconcileOpenBatches(job("reconcile"), { client, queue: { enqueueResolve: async () => undefined }, limit: 1000, minAgeSeconds: 0 });
    expect(await batchRow(batch.id)).toMatchObject({ status: "completed", providerErrorCode: "HC_PAYOUT2" });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
    expect(queue.enqueued).toEqual([]);
  });

  it("HC_PAYOUT2 in the created payout's error_code: submitted, proceeds, shows the code", async () => {
    await control("POST", "/faults/next-create", { mode: "hc_payout2" });
    const batch = await approvedBatch();
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toMatchObject({ kind: "submitted" });
    expect(await batchRow(batch.id)).toMatchObject({ status: "submitted", providerErrorCode: "HC_PAYOUT2" });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("refuses a retry by an operator who is not the maker", async () => {
    const other = { ...(await insertUser(t.db, ["operator"])), roles: ["operator" as const] };
    const batch = await approvedBatch({ overrides: { status: "needs_attention", attentionCode: "insufficient_funds" } });
    await expect(retrySubmission(as(other), { batchId: batch.id }, { queue })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("a webhook that arrives before the create's answer", () => {
  it("keeps the status the webhook applied and still records the submission", async () => {
    await control("POST", "/faults/next-create", { mode: "timeout", hold_ms: 1500 });
    const patient = createHelloCleverClient({ baseUrl: sim.url, appId: sim.appId, secretKey: sim.secretKey, createTimeoutMs: 10_000 });
    const batch = await approvedBatch();
    const submitting = submitBatch(job("submit-batch"), { client: patient, batchId: batch.id, config: CONFIG });
    const created = await waitFor(async () => (await payoutsFor(batch.id))[0], (payout) => payout !== undefined);
    // What the webhook receiver's job does with the delivery (lib/provider-sync).
    await applyPayout(job("apply-webhook"), { batchId: batch.id, payout: await client.getPayout(created.uuid), source: "webhook" });
    expect(await submitting).toEqual({ kind: "submitted", providerUuid: created.uuid });
    const row = await batchRow(batch.id);
    expect(row).toMatchObject({ status: "submitted", providerUuid: created.uuid });
    expect(row.submittedAt).toBeInstanceOf(Date);
    expect((await auditRows(t.db, batch.id, "batch.submit"))[0]).toMatchObject({ details: { webhookFirst: true } });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });
});

describe("failure at each step leaves exactly one payout, or none where a retry was right", () => {
  it("before the call (the worker died after moving the batch to submitting): found absent, retried, sent once", async () => {
    const batch = await approvedBatch({ overrides: { status: "submitting", submissionStartedAt: new Date(Date.now() - 10 * 60_000), submissionAttempts: 1 } });
    const sweep = await sweepSubmissions(job("resolve-submission"));
    expect(sweep.stuck).toEqual([batch.id]);
    expect(sweep.unresolved).toContain(batch.id);
    expect(await batchRow(batch.id)).toMatchObject({ status: "needs_attention", attentionCode: "outcome_unknown" });
    await expect(retrySubmission(as(approver), { batchId: batch.id }, { queue })).rejects.toMatchObject({ code: "conflict" });

    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toEqual({ kind: "not_at_provider" });
    expect(await batchRow(batch.id)).toMatchObject({ status: "needs_attention", attentionCode: "not_at_provider" });
    await retrySubmission(as(maker), { batchId: batch.id }, { queue });
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
    expect(await batchRow(batch.id)).toMatchObject({ status: "submitted" });
  });

  it("after the call, before the commit: the lost answer is found by lookup, never re-sent", async () => {
    const batch = await approvedBatch();
    // A real database failure at the commit of the outcome, for this batch only.
    await t.db.execute(sql.raw(`
      create function lose_commit() returns trigger language plpgsql as $$
      begin if new.id = '${batch.id}' and new.status = 'submitted' then raise exception 'injected: commit lost'; end if; return new; end $$;
      create trigger lose_commit before update on batches for each row execute function lose_commit();`));
    try {
      await expect(submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).rejects.toThrow();
    } finally {
      await t.db.execute(sql.raw("drop trigger lose_commit on batches; drop function lose_commit();"));
    }
    expect(await batchRow(batch.id)).toMatchObject({ status: "submitting" });
    // The job is retried: it finds nothing approved to send.
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "skipped", status: "submitting" });

    const sweep = await sweepSubmissions(job("resolve-submission"), { stuckAfterMs: 0 });
    expect(sweep.stuck).toContain(batch.id);
    const [payout] = await payoutsFor(batch.id);
    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toEqual({ kind: "submitted", providerUuid: payout!.uuid });
    expect(await batchRow(batch.id)).toMatchObject({ status: "submitted", providerUuid: payout!.uuid, attentionCode: null });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("timeout with the payout created: outcome unknown, no retry offered, resolved to submitted", async () => {
    await control("POST", "/faults/next-create", { mode: "timeout", hold_ms: 4000 });
    const batch = await approvedBatch();
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "needs_attention", code: "outcome_unknown" });
    expect(await batchRow(batch.id)).toMatchObject({ attentionMessage: ATTENTION_MESSAGES.outcome_unknown });
    await expect(retrySubmission(as(approver), { batchId: batch.id }, { queue })).rejects.toMatchObject({ code: "conflict" });
    expect(queue.enqueued).toEqual([]);
    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toMatchObject({ kind: "submitted" });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
    const events = await t.db.select().from(providerEvents).where(eq(providerEvents.batchId, batch.id));
    expect(events).toMatchObject([{ source: "resolve", providerStatus: "created" }]);
  });

  it("500 with the payout created: resolved to submitted, once, even with two resolvers at once", async () => {
    await control("POST", "/faults/next-create", { mode: "500_after_create" });
    const batch = await approvedBatch();
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "needs_attention", code: "outcome_unknown" });
    const outcomes = await Promise.all([resolveSubmission(job("resolve-submission"), { client, batchId: batch.id }), resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["skipped", "submitted"]);
    expect(await auditRows(t.db, batch.id, "batch.submission_resolve")).toHaveLength(1);
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("500 before the payout was created: absence is trusted only after the grace period, then one retry sends it", async () => {
    await control("POST", "/faults/next-create", { mode: "500_before_create" });
    const batch = await approvedBatch();
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "needs_attention", code: "outcome_unknown" });
    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toEqual({ kind: "too_early" });
    expect(await batchRow(batch.id)).toMatchObject({ attentionCode: "outcome_unknown" });
    expect(await resolveSubmission(job("resolve-submission", () => new Date(Date.now() + 3 * 60_000)), { client, batchId: batch.id })).toEqual({ kind: "not_at_provider" });
    await retrySubmission(as(approver), { batchId: batch.id }, { queue });
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("worker killed while waiting for the answer: the batch is swept to outcome unknown and resolved, one payout", async () => {
    await control("POST", "/faults/next-create", { mode: "timeout", hold_ms: 90_000 });
    const batch = await approvedBatch({ amounts: ["250.00", "300.00"] });
    const [, second] = await t.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    await t.db.update(transactions).set({ params: { ...second!.params, account_number: "987650001" } }).where(eq(transactions.id, second!.id));
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/submit-batch-child.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url, SIMULATOR_URL: sim.url, BATCH_ID: batch.id, LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const deadline = Date.now() + 90_000;
    while ((await payoutsFor(batch.id)).length === 0) {
      if (Date.now() > deadline) throw new Error("the child never reached the provider");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    await exited;
    expect(await batchRow(batch.id)).toMatchObject({ status: "submitting" });

    const sweep = await sweepSubmissions(job("resolve-submission"), { stuckAfterMs: 0 });
    expect(sweep.stuck).toContain(batch.id);
    const [payout] = await payoutsFor(batch.id);
    for (let step = 0; step < 3; step++) await control("POST", `/payouts/${payout!.uuid}/advance`);
    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toMatchObject({ kind: "submitted" });
    // The whole payout applied: the final state, and the failed row with its reason.
    expect(await batchRow(batch.id)).toMatchObject({ status: "completed", failedCount: 1 });
    const reasons = await t.db.select({ reason: transactions.failureReason }).from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    expect(reasons.map((r) => r.reason)).toEqual([null, "Beneficiary account does not exist"]);
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  }, 150_000);

  it("leaves the batch as it is when the lookup itself fails", async () => {
    await control("POST", "/faults/next-create", { mode: "500_after_create" });
    const batch = await approvedBatch();
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    const unreachable = createHelloCleverClient({ baseUrl: "http://127.0.0.1:9", appId: "a", secretKey: "b", retries: 0 });
    expect(await resolveSubmission(job("resolve-submission", () => new Date(Date.now() + 3 * 60_000)), { client: unreachable, batchId: batch.id })).toMatchObject({ kind: "lookup_failed" });
    expect(await batchRow(batch.id)).toMatchObject({ status: "needs_attention", attentionCode: "outcome_unknown" });
  });
});

describe("sweepSubmissions", () => {
  it("lists approved batches whose submit job was lost, and leaves fresh ones to their job", async () => {
    const lost = await approvedBatch({ overrides: { updatedAt: new Date(Date.now() - 10 * 60_000) } });
    const fresh = await approvedBatch();
    const sweep = await sweepSubmissions(job("resolve-submission"));
    expect(sweep.approvedWithoutJob).toContain(lost.id);
    expect(sweep.approvedWithoutJob).not.toContain(fresh.id);
  });
});

describe("cancelScheduledPayout", () => {
  it("cancels a payout Hello Clever still holds for later, by its maker, and audits it", async () => {
    const batch = await approvedBatch({ scheduledAt: new Date(Date.now() + 3600_000) });
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    await expect(cancelScheduledPayout(as(approver), { batchId: batch.id }, { client })).rejects.toMatchObject({ code: "forbidden" });
    expect(await cancelScheduledPayout(as(maker), { batchId: batch.id }, { client })).toEqual({ providerStatus: "cancelled" });
    expect(await batchRow(batch.id)).toMatchObject({ status: "cancelled", providerStatus: "cancelled" });
    expect((await payoutsFor(batch.id))[0]).toMatchObject({ status: "cancelled" });
    expect((await auditRows(t.db, batch.id, "batch.cancel_scheduled"))[0]).toMatchObject({ actorId: maker.id, after: { status: "cancelled" }, details: { outcome: "cancelled" } });
    // The timeline's entry says who cancelled (the page shows "cancelled by …" beside it).
    const cancelEvents = (await t.db.select().from(providerEvents).where(eq(providerEvents.batchId, batch.id))).filter((event) => event.source === "cancel");
    expect(cancelEvents).toHaveLength(1);
    expect(cancelEvents[0]).toMatchObject({ source: "cancel", providerStatus: "cancelled", outcome: "applied", detail: { by: maker.label } });
  });

  it("refuses a payout that is not waiting for a later time", async () => {
    const batch = await approvedBatch();
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    await expect(cancelScheduledPayout(as(maker), { batchId: batch.id }, { client })).rejects.toMatchObject({ code: "conflict" });
    expect((await payoutsFor(batch.id))[0]).toMatchObject({ status: "created" });
  });

  it("shows and audits Hello Clever's refusal", async () => {
    const batch = await approvedBatch({ scheduledAt: new Date(Date.now() + 3600_000) });
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    const [payout] = await payoutsFor(batch.id);
    await control("POST", `/payouts/${payout!.uuid}/advance`);
    await expect(cancelScheduledPayout(as(maker), { batchId: batch.id }, { client })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/^Hello Clever did not cancel the payout: .*cannot be cancelled/),
    });
    expect((await auditRows(t.db, batch.id, "batch.cancel_scheduled"))[0]).toMatchObject({ details: { outcome: "refused" } });
  });
});

describe("a payout found by lookup after it finished finishes in the console", () => {
  async function withAccounts(batchId: string, accounts: string[]) {
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, batchId)).orderBy(asc(transactions.position));
    for (const [index, row] of rows.entries()) {
      await t.db.update(transactions).set({ params: { ...row.params, account_number: accounts[index]! } }).where(eq(transactions.id, row.id));
    }
  }
  async function finish(uuid: string) {
    for (let step = 0; step < 3; step++) await control("POST", `/payouts/${uuid}/advance`);
  }

  it("timeout fault, payee ending 0001: the lookup applies the whole payout (completed, the failed row with its reason, one payout)", async () => {
    await control("POST", "/faults/next-create", { mode: "timeout", hold_ms: 3000 });
    const batch = await approvedBatch({ amounts: ["250.00", "300.00"] });
    await withAccounts(batch.id, ["123456789", "987650001"]);
    expect(await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG })).toEqual({ kind: "needs_attention", code: "outcome_unknown" });
    const created = await waitFor(async () => (await payoutsFor(batch.id))[0], (payout) => payout !== undefined);
    await finish(created.uuid);

    expect(await resolveSubmission(job("resolve-submission"), { client, batchId: batch.id })).toEqual({ kind: "submitted", providerUuid: created.uuid });
    expect(await batchRow(batch.id)).toMatchObject({ status: "completed", providerStatus: "completed", failedCount: 1, attentionCode: null });
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    expect(rows.map((row) => [row.providerStatus, row.failureReason])).toEqual([
      ["settled", null],
      ["failed", "Beneficiary account does not exist"],
    ]);
    expect(await payoutsFor(batch.id)).toHaveLength(1);
  });

  it("reconciliation picks up a batch whose local state lags the provider's (submitted here, completed there, rows without status)", async () => {
    const batch = await approvedBatch({ amounts: ["250.00", "300.00"] });
    await withAccounts(batch.id, ["123456789", "987650001"]);
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    const [payout] = await payoutsFor(batch.id);
    await finish(payout!.uuid);
    // What the old lookup left behind: the terminal status recorded, nothing else.
    await t.db.update(batches).set({ status: "submitted", providerStatus: "completed", lastReconciledAt: null }).where(eq(batches.id, batch.id));
    await t.db.update(transactions).set({ providerStatus: null, providerUuid: null, failureReason: null }).where(eq(transactions.batchId, batch.id));

    const summary = await reconcileOpenBatches(job("reconcile"), { client, queue: { enqueueResolve: async () => undefined }, limit: 1000, minAgeSeconds: 0 });
    expect(summary.failed).toBe(0);
    expect(await batchRow(batch.id)).toMatchObject({ status: "completed", failedCount: 1 });
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    expect(rows.map((row) => row.failureReason)).toEqual([null, "Beneficiary account does not exist"]);
  });

  it("sends each row's external_id (the operator's own, else the row id) and matches the answer by it", async () => {
    const batch = await approvedBatch({ amounts: ["250.00", "250.00"] });
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    await t.db.update(transactions).set({ externalId: "INV-0042" }).where(eq(transactions.id, rows[1]!.id));
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    const [payout] = await payoutsFor(batch.id);
    const detail = await client.getPayout(payout!.uuid);
    expect(detail.transactions.map((item) => item.externalId).sort()).toEqual([rows[0]!.id, "INV-0042"].sort());
    const stored = await t.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    for (const row of stored) {
      const item = detail.transactions.find((candidate) => candidate.externalId === (row.externalId ?? row.id));
      expect(row.providerUuid).toBe(item!.uuid);
    }
  });
});

describe("cancelScheduledPayout under concurrency", () => {
  it("two cancels at once: the batch row is locked, only one reaches Hello Clever", async () => {
    const batch = await approvedBatch({ scheduledAt: new Date(Date.now() + 3600_000) });
    await submitBatch(job("submit-batch"), { client, batchId: batch.id, config: CONFIG });
    const results = await Promise.allSettled([cancelScheduledPayout(as(maker), { batchId: batch.id }, { client }), cancelScheduledPayout(as(maker), { batchId: batch.id }, { client })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    // Each call that reached the provider is audited with its outcome: exactly one.
    expect(await auditRows(t.db, batch.id, "batch.cancel_scheduled")).toHaveLength(1);
    expect(await batchRow(batch.id)).toMatchObject({ status: "cancelled" });
  });
});
