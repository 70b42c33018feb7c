import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "../../tests/helpers/batch-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { auditRows, insertBatch } from "../../tests/helpers/pending-batch";
import { createContext, type ServiceContext } from "../context";
import { approvals, batches, transactions } from "../db/schema";
import { copyBatch } from "./copy-batch";
import { editAndResubmit } from "./edit-and-resubmit";
import { getBatchTally, listBatchCopies } from "./get-batch-tally";
import { withdrawBatch } from "./withdraw-batch";

let t: TestDatabase;
let maker: ServiceContext;
let otherMaker: ServiceContext;
let approver: ServiceContext;
let auditor: ServiceContext;

const ctxFor = (db: TestDatabase["db"], user: { id: string; label: string }, roles: ("operator" | "approver" | "auditor" | "admin")[]) =>
  createContext(db, { kind: "user", id: user.id, label: user.label, roles });

beforeAll(async () => {
  t = await createTestDatabase();
  maker = ctxFor(t.db, await insertUser(t.db, ["operator"], "Maker"), ["operator"]);
  otherMaker = ctxFor(t.db, await insertUser(t.db, ["operator"], "Other maker"), ["operator"]);
  approver = ctxFor(t.db, await insertUser(t.db, ["approver"], "Approver"), ["approver"]);
  auditor = ctxFor(t.db, await insertUser(t.db, ["auditor"], "Auditor"), ["auditor"]);
});
afterAll(async () => t.drop());

/** A completed batch with one failed row among three. */
async function completedWithFailure() {
  const batch = await insertBatch(t.db, { makerId: maker.actor.id, amounts: ["250.00", "300.50", "400.00"], status: "completed", overrides: { failedCount: 1, providerUuid: crypto.randomUUID() } });
  const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, batch.id)).orderBy(asc(transactions.position));
  await t.db.update(transactions).set({ providerStatus: "settled" }).where(eq(transactions.batchId, batch.id));
  await t.db.update(transactions).set({ providerStatus: "failed", failureReason: "Beneficiary account does not exist" }).where(eq(transactions.id, rows[1]!.id));
  return batch;
}

describe("New batch from failed rows", () => {
  it("makes a draft with exactly the failed rows, their reasons beside them, linked both ways", async () => {
    const source = await completedWithFailure();
    const copy = await copyBatch(otherMaker, { batchId: source.id, rows: "failed" });
    expect(copy).toMatchObject({ transactionCount: 1, totalAmount: "300.50" });
    const [draft] = await t.db.select().from(batches).where(eq(batches.id, copy.batchId));
    expect(draft).toMatchObject({ status: "draft", createdBy: otherMaker.actor.id, copiedFromId: source.id, copyKind: "failed_rows", methodName: source.methodName, version: 1 });
    expect(draft!.id).not.toBe(source.id); // a new external_id: never a re-post
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, copy.batchId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ position: 0, firstName: "Juan2", amount: "300.50", previousFailureReason: "Beneficiary account does not exist", providerStatus: null, failureReason: null });
    expect(await listBatchCopies(maker, { batchId: source.id })).toEqual([expect.objectContaining({ id: copy.batchId, copyKind: "failed_rows" })]);
    expect(await auditRows(t.db, copy.batchId, "batch.copy")).toEqual([expect.objectContaining({ actorId: otherMaker.actor.id, details: { from: source.id, kind: "failed_rows" } })]);
  });

  it("refuses a batch with no failed rows, and people who do not make batches", async () => {
    const clean = await insertBatch(t.db, { makerId: maker.actor.id, status: "completed" });
    await expect(copyBatch(maker, { batchId: clean.id, rows: "failed" })).rejects.toMatchObject({ code: "conflict" });
    const source = await completedWithFailure();
    await expect(copyBatch(approver, { batchId: source.id, rows: "failed" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(copyBatch(auditor, { batchId: source.id, rows: "all" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(copyBatch(maker, { batchId: "00000000-0000-4000-8000-000000000000", rows: "all" })).rejects.toMatchObject({ code: "not_found" });
    expect(await listBatchCopies(maker, { batchId: source.id })).toEqual([]);
  });
});

describe("Duplicate batch", () => {
  it("copies every row of any batch, an expired one included, as a new draft", async () => {
    const expired = await insertBatch(t.db, { makerId: maker.actor.id, amounts: ["250.00", "260.00"], status: "expired" });
    const copy = await copyBatch(otherMaker, { batchId: expired.id, rows: "all" });
    expect(copy).toMatchObject({ transactionCount: 2, totalAmount: "510.00" });
    const [draft] = await t.db.select().from(batches).where(eq(batches.id, copy.batchId));
    expect(draft).toMatchObject({ status: "draft", copyKind: "duplicate", copiedFromId: expired.id, description: "Copy of Payroll for testing" });
    const [original] = await t.db.select().from(batches).where(eq(batches.id, expired.id));
    expect(original!.status).toBe("expired");
  });
});

describe("Withdraw", () => {
  it("takes the maker's pending batch back to draft; approvals so far lapse", async () => {
    const pending = await insertBatch(t.db, { makerId: maker.actor.id, approvalsNeeded: 2 });
    await t.db.insert(approvals).values({ batchId: pending.id, batchVersion: pending.version, approverId: approver.actor.id });
    const result = await withdrawBatch(maker, { batchId: pending.id, version: pending.version });
    expect(result.version).toBe(pending.version + 1);
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, pending.id));
    expect(batch).toMatchObject({ status: "draft", submittedForApprovalAt: null, approvalExpiresAt: null });
    expect(await auditRows(t.db, pending.id, "batch.withdraw")).toHaveLength(1);
  });

  it("refuses anyone but the maker, other states and a stale version", async () => {
    const pending = await insertBatch(t.db, { makerId: maker.actor.id });
    await expect(withdrawBatch(otherMaker, { batchId: pending.id, version: pending.version })).rejects.toMatchObject({ code: "forbidden" });
    await expect(withdrawBatch(maker, { batchId: pending.id, version: pending.version + 5 })).rejects.toMatchObject({ code: "conflict" });
    const approved = await insertBatch(t.db, { makerId: maker.actor.id, status: "approved" });
    await expect(withdrawBatch(maker, { batchId: approved.id, version: approved.version })).rejects.toMatchObject({ code: "conflict" });
    const [still] = await t.db.select().from(batches).where(eq(batches.id, pending.id));
    expect(still!.status).toBe("pending_approval");
  });
});

describe("Edit and resubmit", () => {
  it("gives the maker of a rejected batch a new draft version linked to it", async () => {
    const rejected = await insertBatch(t.db, { makerId: maker.actor.id, amounts: ["250.00", "999.00"], status: "rejected", overrides: { rejectionReason: "Wrong month" } });
    const copy = await editAndResubmit(maker, { batchId: rejected.id });
    const [draft] = await t.db.select().from(batches).where(eq(batches.id, copy.batchId));
    expect(draft).toMatchObject({ status: "draft", createdBy: maker.actor.id, copiedFromId: rejected.id, copyKind: "resubmit", description: "Payroll for testing", transactionCount: 2 });
    const [original] = await t.db.select().from(batches).where(eq(batches.id, rejected.id));
    expect(original).toMatchObject({ status: "rejected", rejectionReason: "Wrong month" });
  });

  it("refuses others and batches that are not rejected", async () => {
    const rejected = await insertBatch(t.db, { makerId: maker.actor.id, status: "rejected" });
    await expect(editAndResubmit(otherMaker, { batchId: rejected.id })).rejects.toMatchObject({ code: "forbidden" });
    const pending = await insertBatch(t.db, { makerId: maker.actor.id });
    await expect(editAndResubmit(maker, { batchId: pending.id })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the batch tally", () => {
  it("counts rows per provider status and sums what was paid", async () => {
    const source = await completedWithFailure();
    expect(await getBatchTally(maker, { batchId: source.id })).toEqual({ all: 3, byStatus: { settled: 2, failed: 1 }, paidAmount: "650.00" });
  });
});
