import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { seedMakerAndMethod } from "../../tests/helpers/provider-batch";
import { systemContext } from "../context";
import { auditLog, batches, providerEvents, transactions, type ProviderStatus } from "../db/schema";
import { DomainError } from "../errors";
import type { Payout } from "../hello-clever/types";
import { applyPayout } from "./apply-payout";
import { getProviderHealth } from "./provider-health";

let database: TestDatabase;
let makerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ makerId } = await seedMakerAndMethod(database.db));
});
afterAll(async () => database?.drop());
const ctx = () => systemContext(database.db, "test");

async function submittedBatch(overrides: Partial<typeof batches.$inferInsert> = {}) {
  const [batch] = await database.db
    .insert(batches)
    .values({
      status: "submitted",
      methodName: "ph_bank_maya_php",
      currency: "PHP",
      description: "Apply payout test",
      createdBy: makerId,
      totalAmount: "700.00",
      transactionCount: 2,
      providerUuid: `P${randomUUID().slice(0, 7).toUpperCase()}`,
      providerStatus: "created",
      ...overrides,
    })
    .returning();
  await database.db.insert(transactions).values(
    [0, 1].map((position) => ({ batchId: batch!.id, position, firstName: "Ann", lastName: `Lee ${position}`, email: `ann${position}@test.local`, amount: position ? "450.00" : "250.00" })),
  );
  return batch!;
}

function payout(batch: { id: string; providerUuid: string | null }, status: ProviderStatus, outcomes: [string, string | null][] = [["pending", null], ["pending", null]]): Payout {
  return {
    uuid: batch.providerUuid ?? "NEWUUID1",
    currency: "PHP",
    payoutMethodName: "ph_bank_maya_php",
    description: "Apply payout test",
    totalAmount: "700.00",
    status,
    webhookNotification: null,
    scheduledAt: null,
    externalId: batch.id,
    errorCode: null,
    errorMessage: null,
    createdAt: null,
    // Reversed: the provider promises no order, so rows are matched by payee + amount here.
    transactions: outcomes.map(([txStatus, reason], index) => ({
      uuid: `TX${index}`,
      balanceId: null,
      payee: `Ann Lee ${index}`,
      amount: index ? "450.00" : "250.00",
      externalId: null,
      payoutMethodParams: {},
      status: txStatus,
      errorMessage: reason,
      createdAt: null,
    })).reverse(),
  };
}

async function eventsOf(batchId: string) {
  return database.db.select().from(providerEvents).where(eq(providerEvents.batchId, batchId)).orderBy(asc(providerEvents.id));
}

async function auditsOf(batchId: string) {
  const [row] = await database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.batchId, batchId), eq(auditLog.action, "batch.provider_update")));
  return row!.n;
}

async function rowsOf(batchId: string) {
  return database.db.select().from(transactions).where(eq(transactions.batchId, batchId)).orderBy(asc(transactions.position));
}

describe("applyPayout", () => {
  it("matches rows by the transaction external_id sent (the operator's own, else the row id), never by position", async () => {
    const batch = await submittedBatch();
    const [first, second] = await rowsOf(batch.id);
    await database.db.update(transactions).set({ externalId: "INV-7" }).where(eq(transactions.id, second!.id));
    const base = payout(batch, "completed");
    // Same payee and amount on both: only the external_id can tell them apart.
    const item = (uuid: string, externalId: string, status: string, reason: string | null) => ({ ...base.transactions[0]!, uuid, externalId, payee: "Someone Else", amount: "1.00", status, errorMessage: reason });
    const reported = { ...base, transactions: [item("TXB", "INV-7", "failed", "Beneficiary account does not exist"), item("TXA", first!.id, "settled", null)] };
    await applyPayout(ctx(), { batchId: batch.id, payout: reported, source: "webhook" });
    expect((await rowsOf(batch.id)).map((row) => [row.providerUuid, row.providerStatus, row.failureReason])).toEqual([
      ["TXA", "settled", null],
      ["TXB", "failed", "Beneficiary account does not exist"],
    ]);
    const [stored] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(stored).toMatchObject({ failedCount: 1, providerUnmatched: null });
  });

  it("keeps a provider transaction it cannot match on the batch, and never guesses between two equal rows", async () => {
    const batch = await submittedBatch();
    await database.db.update(transactions).set({ firstName: "Twin", lastName: "Payee", amount: "350.00" }).where(eq(transactions.batchId, batch.id));
    const base = payout(batch, "processing");
    const twin = (uuid: string) => ({ ...base.transactions[0]!, uuid, externalId: null, payee: "Twin Payee", amount: "350.00", status: "settled" });
    const stranger = { ...base.transactions[0]!, uuid: "TXZ", externalId: "nobody", payee: "Zed Stranger", amount: "9.00", status: "failed", errorMessage: "Compliance block" };
    await applyPayout(ctx(), { batchId: batch.id, payout: { ...base, transactions: [twin("TXP"), twin("TXQ"), stranger] }, source: "webhook" });
    expect((await rowsOf(batch.id)).every((row) => row.providerStatus === null)).toBe(true);
    const [stored] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(stored!.providerUnmatched?.map((u) => u.uuid).sort()).toEqual(["TXP", "TXQ", "TXZ"]);
    expect(stored!.providerUnmatched?.find((u) => u.uuid === "TXZ")).toMatchObject({ payee: "Zed Stranger", amount: "9.00", status: "failed", errorMessage: "Compliance block" });
    expect(stored!.failedCount).toBe(1);
  });

  it("stores an unknown payout status as sent, not terminal: a known status still follows it", async () => {
    const batch = await submittedBatch();
    expect(await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "on_hold"), source: "webhook" })).toMatchObject({ kind: "applied", to: "on_hold", status: "submitted" });
    const [held] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(held).toMatchObject({ status: "submitted", providerStatus: "on_hold" });
    // Counted on /admin (provider health).
    expect((await getProviderHealth(ctx())).unknownPayoutStatuses).toContainEqual({ status: "on_hold", batches: 1 });
    expect(await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "completed", [["settled", null], ["paid_out", null]]), source: "reconcile" })).toMatchObject({ kind: "applied", to: "completed", status: "completed" });
    expect((await rowsOf(batch.id)).map((row) => row.providerStatus)).toEqual(["settled", "paid_out"]);
    expect((await getProviderHealth(ctx())).unknownTransactionStatuses).toContainEqual({ status: "paid_out", transactions: 1 });
  });


  it("moves the batch forward and stores each transaction's status and failure reason, whatever the provider's order", async () => {
    const batch = await submittedBatch();
    const outcome = await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "completed", [["settled", null], ["failed", "Compliance block"]]), source: "webhook" });
    expect(outcome).toMatchObject({ kind: "applied", from: "created", to: "completed", status: "completed", transactionsChanged: 2 });
    const [stored] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(stored).toMatchObject({ status: "completed", providerStatus: "completed", failedCount: 1, providerTotalAmount: "700.00" });
    const rows = await database.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
    expect(rows.map((row) => [row.providerUuid, row.providerStatus, row.failureReason])).toEqual([
      ["TX0", "settled", null],
      ["TX1", "failed", "Compliance block"],
    ]);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.batchId, batch.id));
    expect(audit).toMatchObject({ actorId: null, actorLabel: "job:apply-webhook", before: { status: "submitted", providerStatus: "created" }, after: { status: "completed", providerStatus: "completed" } });
  });

  it("writes no second event or audit row when the same state is applied twice", async () => {
    const batch = await submittedBatch();
    await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "processing"), source: "webhook" });
    const again = await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "processing"), source: "reconcile" });
    expect(again).toEqual({ kind: "unchanged", providerStatus: "processing" });
    expect(await eventsOf(batch.id)).toHaveLength(1);
    expect(await auditsOf(batch.id)).toBe(1);
  });

  it("records new transaction details under an unchanged status as an update, not a second application", async () => {
    const batch = await submittedBatch();
    const outcome = await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "created"), source: "reconcile" });
    expect(outcome).toMatchObject({ kind: "applied", from: "created", to: "created", transactionsChanged: 2 });
    expect((await eventsOf(batch.id)).map((e) => [e.providerStatus, e.outcome])).toEqual([["created", "updated"]]);
  });

  it("records an older status as stale and changes nothing (forward-only)", async () => {
    const batch = await submittedBatch();
    await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "scheduled"), source: "webhook" });
    const [before] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    const stale = await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "processing", [["failed", "late"], ["failed", "late"]]), source: "webhook" });
    expect(stale).toEqual({ kind: "stale", stored: "scheduled", reported: "processing" });
    const [after] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(after).toEqual(before);
    const rows = await database.db.select({ status: transactions.providerStatus }).from(transactions).where(eq(transactions.batchId, batch.id));
    expect(rows.every((row) => row.status === "pending")).toBe(true);
    expect((await eventsOf(batch.id)).map((e) => [e.providerStatus, e.outcome])).toEqual([
      ["scheduled", "applied"],
      ["processing", "stale"],
    ]);
    expect(await auditsOf(batch.id)).toBe(1);
  });

  it("treats every status after a terminal one as stale, another terminal one included", async () => {
    const batch = await submittedBatch();
    await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "expired"), source: "webhook" });
    expect(await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "completed"), source: "reconcile" })).toMatchObject({ kind: "stale" });
    const [stored] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(stored!.status).toBe("expired");
  });

  it("refuses a payout that belongs to another batch", async () => {
    const batch = await submittedBatch();
    const other = await submittedBatch();
    await expect(applyPayout(ctx(), { batchId: batch.id, payout: payout(other, "completed"), source: "webhook" })).rejects.toThrow(DomainError);
    expect(await eventsOf(batch.id)).toHaveLength(0);
  });

  it("settles an unknown submission outcome when the payout is found under the batch id", async () => {
    const batch = await submittedBatch({ status: "needs_attention", attentionCode: "outcome_unknown", attentionMessage: "outcome unknown", providerUuid: null, providerStatus: null });
    const outcome = await applyPayout(ctx(), { batchId: batch.id, payout: { ...payout(batch, "processing"), uuid: "FOUNDIT1" }, source: "resolve" });
    expect(outcome).toMatchObject({ kind: "applied", status: "processing" });
    const [stored] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(stored).toMatchObject({ status: "processing", providerUuid: "FOUNDIT1", attentionCode: null, attentionMessage: null });
  });

  it("records when reconciliation read the batch even when nothing changed", async () => {
    const batch = await submittedBatch();
    const readAt = new Date("2030-01-01T00:00:00Z");
    await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "processing"), source: "webhook" });
    expect(await applyPayout(ctx(), { batchId: batch.id, payout: payout(batch, "processing"), source: "reconcile", reconciledAt: readAt })).toMatchObject({ kind: "unchanged" });
    const [stored] = await database.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(stored!.lastReconciledAt).toEqual(readAt);
  });
});
