import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethods, insertUser, MAYA, mayaRow } from "../../tests/helpers/batch-fixtures";
import { userContext } from "../../tests/helpers/context";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { systemContext } from "../context";
import type { Role } from "../auth/roles";
import { saveDraft } from "../batches/save-draft";
import { submitForApproval } from "../batches/submit-for-approval";
import { batches, helloCleverContacts, payees, payoutMethods, riskFlags, riskSettings, transactions } from "../db/schema";
import { decidePayee } from "../payees/decide-payee";
import { proposePayeeChange } from "../payees/propose-payee";
import type { TransactionInput } from "../methods/transaction-schema";
import { listBatchFlags } from "./list-batch-flags";
import { SECOND_APPROVAL_ON_HIGH_FLAG } from "./flags";

type U = { id: string; label: string; roles: Role[] };
let t: TestDatabase;
let maker: U;
let ava: U;

beforeAll(async () => {
  t = await createTestDatabase();
  await insertMethods(t.db, MAYA, { ...MAYA, name: "ph_contact_php", label: "PHP Contact Method", requireContact: true });
  maker = await insertUser(t.db, ["operator"], "Maker");
  ava = await insertUser(t.db, ["approver"], "Ava");
});
afterAll(async () => t.drop());

async function submitted(rows: TransactionInput[], methodName = MAYA.name) {
  const draft = await saveDraft(userContext(t.db, maker), { methodName, description: "Risk test payouts", transactions: rows });
  const result = await submitForApproval(userContext(t.db, maker), { batchId: draft.batchId, version: draft.version, approvalExpiryDays: 7 });
  return { batchId: draft.batchId, result };
}

async function markSent(batchId: string) {
  await t.db.update(batches).set({ status: "completed" }).where(eq(batches.id, batchId));
}

const codesByRow = (flags: Awaited<ReturnType<typeof listBatchFlags>>) => {
  const out: Record<number, string[]> = {};
  for (const flag of flags.listed) (out[(flag.position ?? -1) + 1] ??= []).push(flag.code);
  return out;
};

describe("risk flags at submit-for-approval", () => {
  it("flags first payouts to new payees (added to the book, waiting for approval) and a duplicate row, each saying why", async () => {
    const { batchId, result } = await submitted([mayaRow(1, { amount: "300.00" }), mayaRow(2), mayaRow(1, { amount: "300.00" })]);
    expect(result.kind).toBe("submitted");
    const flags = await listBatchFlags(systemContext(t.db, "test"), { batchId });
    expect(codesByRow(flags)).toEqual({
      1: ["payee_not_approved", "first_payout"],
      2: ["payee_not_approved", "first_payout"],
      3: ["payee_not_approved", "first_payout", "duplicate"],
    });
    expect(flags.listed.find((f) => f.code === "duplicate")?.message).toBe("Row 3: same payee and amount (300.00 PHP) as row 1 of this batch");
    expect(flags.listed[0]?.message).toMatch(/juan1@example.org is new to the payee book/);
    expect(flags.total).toBe(7);
    expect(flags.counts).toEqual(expect.arrayContaining([{ code: "payee_not_approved", count: 3 }, { code: "first_payout", count: 3 }, { code: "duplicate", count: 1 }]));
    // The panel lists the first flags in row order; the counts stay whole.
    const firstTwo = await listBatchFlags(systemContext(t.db, "test"), { batchId, limit: 2 });
    expect(firstTwo.listed.map((flag) => [flag.position, flag.code])).toEqual([[0, "payee_not_approved"], [0, "first_payout"]]);
    expect(firstTwo.total).toBe(7);
    const book = await t.db.select().from(payees);
    expect(book.map((p) => [p.email, p.status]).sort()).toEqual([
      ["juan1@example.org", "pending_approval"],
      ["juan2@example.org", "pending_approval"],
    ]);
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, batchId));
    expect(batch?.payloadHash).toMatch(/^[0-9a-f]{64}$/);
    await markSent(batchId);
  });

  it("flags an amount far above the payee's median, a repeat of a recent batch, an account that differs, and a recent change", async () => {
    for (const payee of await t.db.select().from(payees)) await decidePayee(userContext(t.db, ava), { payeeId: payee.id, decision: "approve" });
    const [juan2] = await t.db.select().from(payees).where(eq(payees.email, "juan2@example.org"));
    await proposePayeeChange(userContext(t.db, maker), { payeeId: juan2!.id, name: "Juan2 Dela Cruz", params: { ...juan2!.params, account_number: "777766665555" } });
    await decidePayee(userContext(t.db, ava), { payeeId: juan2!.id, decision: "approve" });

    const { batchId } = await submitted([
      mayaRow(1, { amount: "1500.01" }), // > 5 × 300.00 median
      mayaRow(2), // same amount as the last batch; its old account (changed since)
    ]);
    const flags = await listBatchFlags(systemContext(t.db, "test"), { batchId });
    expect(codesByRow(flags)).toEqual({ 1: ["above_usual"], 2: ["account_mismatch", "account_changed", "duplicate"] });
    expect(flags.listed.find((f) => f.code === "above_usual")?.message).toBe("Row 1: 1500.01 PHP is more than 5× juan1@example.org's median payout of 300.00 (2 earlier)");
    expect(flags.listed.find((f) => f.code === "account_mismatch")?.message).toMatch(/account_number •••• 3452 in the row, •••• 5555 approved/);
    expect(flags.listed.find((f) => f.code === "account_changed")?.message).toMatch(/within the last 30 days/);
    expect(flags.listed.find((f) => f.code === "duplicate")?.message).toMatch(/as batch [0-9a-f]{8} of \d{4}-\d{2}-\d{2}/);
  });

  it("names the latest of the recent batches that already paid this payee this amount", async () => {
    await submitted([mayaRow(50)]);
    const { batchId: second } = await submitted([mayaRow(50)]);
    const { batchId } = await submitted([mayaRow(50)]);
    const flags = await listBatchFlags(systemContext(t.db, "test"), { batchId });
    expect(flags.listed.filter((f) => f.code === "duplicate").map((f) => f.message)).toEqual([expect.stringContaining(`as batch ${second.slice(0, 8)} of`)]);
  });

  it("requires a second approval when a high flag is present and the policy says so", async () => {
    await t.db.insert(riskSettings).values({ key: SECOND_APPROVAL_ON_HIGH_FLAG, value: "true" });
    const { result } = await submitted([mayaRow(9)]);
    expect(result).toMatchObject({ kind: "submitted" });
    const flagged = await t.db.select().from(batches).where(eq(batches.description, "Risk test payouts"));
    expect(flagged.at(-1)?.approvalsNeeded).toBe(2);
    await t.db.delete(riskSettings);
  });

  it("keeps each flag on a row of its own batch, and drops a row's flags with the row", async () => {
    const kept = await submitted([mayaRow(31), mayaRow(32)]);
    const gone = await submitted([mayaRow(33), mayaRow(34)]);
    const flagsOf = async (batchId: string) => t.db.select().from(riskFlags).where(eq(riskFlags.batchId, batchId));
    const rowsOf = async (batchId: string) => new Set((await t.db.select({ id: transactions.id }).from(transactions).where(eq(transactions.batchId, batchId))).map((row) => row.id));
    const keptRows = await rowsOf(kept.batchId);
    expect((await flagsOf(kept.batchId)).every((flag) => keptRows.has(flag.transactionId))).toBe(true);
    expect(await flagsOf(gone.batchId)).toHaveLength(4);

    const [first] = await t.db.select({ id: transactions.id }).from(transactions).where(and(eq(transactions.batchId, gone.batchId), eq(transactions.position, 0)));
    await t.db.delete(transactions).where(eq(transactions.id, first!.id));
    expect((await flagsOf(gone.batchId)).map((flag) => flag.transactionId)).not.toContain(first!.id);
    expect(await flagsOf(gone.batchId)).toHaveLength(2);
    await t.db.delete(transactions).where(eq(transactions.batchId, gone.batchId));
    expect(await flagsOf(gone.batchId)).toHaveLength(0);
    expect(await flagsOf(kept.batchId)).toHaveLength(4);
  });

  it("refuses to submit a batch on a method needing contacts until every payee has one", async () => {
    await expect(submitted([mayaRow(1), mayaRow(2)], "ph_contact_php")).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/needs a Hello Clever contact for every payee; missing for juan1@example.org, juan2@example.org/) });
    await t.db.insert(helloCleverContacts).values([{ email: "juan1@example.org" }, { email: "juan2@example.org" }]);
    const { result } = await submitted([mayaRow(1), mayaRow(2)], "ph_contact_php");
    expect(result.kind).toBe("submitted");
    await t.db.update(payoutMethods).set({ requireKyc: true }).where(eq(payoutMethods.name, "ph_contact_php"));
    await expect(submitted([mayaRow(1)], "ph_contact_php")).rejects.toMatchObject({ message: expect.stringMatching(/approved KYC/) });
  });
});
