import { asc, eq } from "drizzle-orm";
import type { Role } from "../auth/roles";
import { createContext } from "../context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethods, insertUser, MAYA, mayaRow } from "../../tests/helpers/batch-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { approvalThresholds, auditLog, batches, payoutMethods, transactions } from "../db/schema";
import type { TransactionInput } from "../methods/transaction-schema";
import { saveDraft } from "./save-draft";
import { submitForApproval } from "./submit-for-approval";

/** The context of `user` acting (with `roles`), as a request would build it. */
const as = (user: { id: string; label: string }, roles: Role[] = ["operator"], now?: Date) =>
  createContext(t.db, { kind: "user", id: user.id, label: user.label, roles }, now ? { now: () => now } : {});

let t: TestDatabase;
let maker: { id: string; label: string };
let other: { id: string; label: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await insertMethods(t.db, MAYA, { ...MAYA, name: "ph_bank_php", label: "PHP Bank Transfer", minAmount: "1" });
  maker = await insertUser(t.db, ["operator"], "Maker");
  other = await insertUser(t.db, ["operator", "admin"], "Other");
});
afterAll(async () => t.drop());

const NOW = new Date("2030-05-01T08:00:00.000Z");

async function draftOf(rows: TransactionInput[], extra: { methodName?: string; scheduledAt?: string } = {}) {
  return saveDraft(as(maker), { methodName: "ph_bank_maya_php", description: "April payouts", transactions: rows, ...extra });
}

function submit(draft: { batchId: string; version: number }, actor = maker) {
  return submitForApproval(as(actor, actor === other ? ["operator", "admin"] : ["operator"], NOW), { batchId: draft.batchId, version: draft.version, approvalExpiryDays: 7 });
}

describe("submitting a draft for approval", () => {
  it("moves a valid draft to pending_approval with its deadline and one approval needed", async () => {
    const draft = await draftOf([mayaRow(1, { amount: "250.25" }), mayaRow(2, { amount: "749.75" })]);
    const result = await submit(draft);
    expect(result).toEqual({ kind: "submitted", approvalsNeeded: 1, approvalExpiresAt: new Date("2030-05-08T08:00:00.000Z"), totalAmount: "1000.00", transactionCount: 2 });
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
    expect(batch).toMatchObject({
      status: "pending_approval",
      submittedForApprovalAt: NOW,
      approvalExpiresAt: new Date("2030-05-08T08:00:00.000Z"),
      approvalsNeeded: 1,
      version: 1,
      totalAmount: "1000.00",
    });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.batchId, draft.batchId)).orderBy(asc(auditLog.id));
    expect(audits.at(-1)).toMatchObject({ action: "batch.submit_for_approval", before: { status: "draft" }, after: { status: "pending_approval", approvalsNeeded: 1 } });
  });

  it("needs two approvals only when the total is strictly above the currency's threshold", async () => {
    const atThreshold = await draftOf([mayaRow(1, { amount: "5000" }), mayaRow(2, { amount: "5000.00" })]);
    expect(await submit(atThreshold)).toMatchObject({ kind: "submitted", totalAmount: "10000.00", approvalsNeeded: 1 });
    const above = await draftOf([mayaRow(1, { amount: "5000" }), mayaRow(2, { amount: "5000.01" })]);
    expect(await submit(above)).toMatchObject({ kind: "submitted", totalAmount: "10000.01", approvalsNeeded: 2 });

    await t.db.insert(approvalThresholds).values({ currency: "PHP", amount: "500" });
    const abovePhpThreshold = await draftOf([mayaRow(1, { amount: "500.01" })]);
    expect(await submit(abovePhpThreshold)).toMatchObject({ kind: "submitted", approvalsNeeded: 2 });
    await t.db.delete(approvalThresholds);
  });

  it("refuses a draft with invalid rows, per row and field, and keeps everything saved", async () => {
    const draft = await draftOf([mayaRow(1), mayaRow(2, { first_name: "Ana!", email: "ana@" }), mayaRow(3)]);
    const result = await submit(draft);
    expect(result).toEqual({
      kind: "invalid",
      headerErrors: {},
      rowErrors: [
        {
          row: 2,
          errors: [
            { field: "first_name", message: "Letters, digits and inner spaces only" },
            { field: "email", message: "Enter a valid email" },
          ],
        },
      ],
    });
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
    expect(batch).toMatchObject({ status: "draft", version: 1, transactionCount: 3, invalidCount: 1, submittedForApprovalAt: null });
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, draft.batchId)).orderBy(asc(transactions.position));
    expect(rows.map((row) => [row.firstName, row.email])).toEqual([
      ["Juan1", "juan1@example.org"],
      ["Ana!", "ana@"],
      ["Juan3", "juan3@example.org"],
    ]);
  });

  it("re-validates against the method as stored now, and marks the rows that no longer pass", async () => {
    const draft = await draftOf([mayaRow(1, { amount: "900" }), mayaRow(2, { amount: "300" })]);
    await t.db.update(payoutMethods).set({ maxAmount: "500" }).where(eq(payoutMethods.name, "ph_bank_maya_php"));
    try {
      const result = await submit(draft);
      expect(result).toEqual({ kind: "invalid", headerErrors: {}, rowErrors: [{ row: 1, errors: [{ field: "amount", message: "At most PHP\u00a0500.00" }] }] });
      const [first] = await t.db.select().from(transactions).where(eq(transactions.batchId, draft.batchId)).orderBy(asc(transactions.position)).limit(1);
      expect(first).toMatchObject({ amount: "900.00", errors: [{ field: "amount", message: "At most PHP\u00a0500.00" }] });
      const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
      expect(batch).toMatchObject({ status: "draft", invalidCount: 1 });
    } finally {
      await t.db.update(payoutMethods).set({ maxAmount: "50000" }).where(eq(payoutMethods.name, "ph_bank_maya_php"));
    }
    // Once the method allows it again, the same stored rows go through and lose their marks.
    expect(await submit(draft)).toMatchObject({ kind: "submitted", totalAmount: "1200.00" });
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, draft.batchId));
    expect(rows.every((row) => row.errors === null)).toBe(true);
  });

  it("refuses an empty draft and a schedule that has passed, naming the field", async () => {
    const empty = await draftOf([], { scheduledAt: "2030-04-30T00:00:00.000Z" });
    expect(await submit(empty)).toEqual({
      kind: "invalid",
      headerErrors: { scheduledAt: ["Pick a time in the future"], transactions: ["Add at least one transaction"] },
      rowErrors: [],
    });
  });

  it("refuses anyone but the maker, even an admin, and an outdated version", async () => {
    const draft = await draftOf([mayaRow(1)]);
    await expect(submit(draft, other)).rejects.toMatchObject({ code: "forbidden", message: "Only the batch's maker can change it" });
    await saveDraft(as(maker), { batchId: draft.batchId, version: 1, methodName: "ph_bank_maya_php", description: "April payouts", transactions: [mayaRow(2)] });
    await expect(submit(draft)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/now version 2/) });
    expect(await submit({ batchId: draft.batchId, version: 2 })).toMatchObject({ kind: "submitted" });
    await expect(submit({ batchId: draft.batchId, version: 2 })).rejects.toMatchObject({ code: "conflict", message: "Only a draft can be changed (this batch is pending approval)" });
  });

  // Its speed is measured by `npm run bench -- csv_import_10k_ms`; tests never assert on time.
  it("submits a 10,000-row batch saved valid (no second check while its method is unchanged)", async () => {
    const draft = await draftOf(Array.from({ length: 10_000 }, (_, i) => mayaRow(i + 1)));
    const result = await submit(draft);
    expect(result).toMatchObject({ kind: "submitted", transactionCount: 10_000, totalAmount: "7000000.00", approvalsNeeded: 2 });
  });
});
