import { asc, eq } from "drizzle-orm";
import type { Role } from "../auth/roles";
import { createContext, systemContext } from "../context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethods, insertUser, MAYA, mayaRow, VND_BANK } from "../../tests/helpers/batch-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { auditLog, batches, payoutMethods, transactions } from "../db/schema";
import { getBatchForEditor, type DraftForEditor } from "./get-batch-for-editor";
import { parseDraftRowsText } from "./schemas";
import { getMethodForForm } from "../methods/get-method-for-form";
import { methodFingerprint } from "../methods/method-fingerprint";
import { saveDraft } from "./save-draft";

/** The context of `user` acting (with `roles`), as a request would build it. */
const as = (user: { id: string; label: string }, roles: Role[] = ["operator"], now?: Date) =>
  createContext(t.db, { kind: "user", id: user.id, label: user.label, roles }, now ? { now: () => now } : {});

const rowsOf = (draft: DraftForEditor | null) => parseDraftRowsText(draft?.rowsText ?? "[]");

let t: TestDatabase;
let maker: { id: string; label: string };
let other: { id: string; label: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await insertMethods(t.db, MAYA, VND_BANK, { ...MAYA, name: "broken_php", label: "Broken", fields: null, parseError: "Method broken_php, field x: unknown type" });
  maker = await insertUser(t.db, ["operator"], "Maker");
  other = await insertUser(t.db, ["operator"], "Other");
});
afterAll(async () => t.drop());

const header = { methodName: "ph_bank_maya_php", description: "March payroll" };

describe("saving a draft", () => {
  it("creates a draft with its rows in order and totals summed exactly", async () => {
    const saved = await saveDraft(as(maker), { ...header, transactions: [mayaRow(1, { amount: "200.10" }), mayaRow(2, { amount: "300.20" }), mayaRow(3, { amount: " 0400.7 " })] });
    expect(saved).toMatchObject({ version: 1, totalAmount: "901.00", transactionCount: 3, invalidCount: 0, rowErrors: [] });

    const [batch] = await t.db.select().from(batches).where(eq(batches.id, saved.batchId));
    expect(batch).toMatchObject({ status: "draft", methodName: "ph_bank_maya_php", currency: "PHP", description: "March payroll", createdBy: maker.id, totalAmount: "901.00" });
    const rows = await t.db.select().from(transactions).where(eq(transactions.batchId, saved.batchId)).orderBy(asc(transactions.position));
    expect(rows.map((row) => [row.position, row.firstName, row.amount, row.errors])).toEqual([
      [0, "Juan1", "200.10", null],
      [1, "Juan2", "300.20", null],
      [2, "Juan3", "400.70", null],
    ]);
    expect(rows[0]).toMatchObject({ externalId: "ref-1", params: { account_number: "000123451", account_name: "Juan Dela Cruz", bank_code: "601" }, rawAmount: null });

    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.batchId, saved.batchId));
    expect(audit).toMatchObject({ action: "batch.create", actorId: maker.id, after: { status: "draft", version: 1, transactionCount: 3, totalAmount: "901.00" } });
  });

  it("records the method spec its rows were checked against only when every row passed", async () => {
    const valid = await saveDraft(as(maker), { ...header, transactions: [mayaRow(1), mayaRow(2)] });
    const invalid = await saveDraft(as(maker), { ...header, transactions: [mayaRow(1), mayaRow(2, { amount: "0.50" })] });
    const fingerprintOf = async (batchId: string) => (await t.db.select({ value: batches.rowsCheckedAgainst }).from(batches).where(eq(batches.id, batchId)))[0]?.value;
    expect(await fingerprintOf(valid.batchId)).toBe(methodFingerprint(await getMethodForForm(as(maker), { name: header.methodName })));
    expect(await fingerprintOf(invalid.batchId)).toBeNull();
    // Fixing the invalid row records it; a re-save with a bad row clears it again.
    await saveDraft(as(maker), { ...header, batchId: invalid.batchId, version: 1, transactions: [mayaRow(1), mayaRow(2)] });
    expect(await fingerprintOf(invalid.batchId)).toBe(await fingerprintOf(valid.batchId));
    await saveDraft(as(maker), { ...header, batchId: invalid.batchId, version: 2, transactions: [mayaRow(1, { email: "nope" })] });
    expect(await fingerprintOf(invalid.batchId)).toBeNull();
  });

  it("keeps invalid rows as typed, marked with each field's error", async () => {
    const saved = await saveDraft(as(maker), {
      ...header,
      transactions: [
        mayaRow(1),
        mayaRow(2, { email: "not-an-email", amount: "1,000.00" }),
        mayaRow(3, { amount: "60000", params: { account_number: "1", account_name: "A", bank_code: "999" } }),
      ],
    });
    expect(saved).toMatchObject({ transactionCount: 3, invalidCount: 2 });
    expect(saved.rowErrors).toEqual([
      {
        row: 2,
        errors: [
          { field: "email", message: "Enter a valid email" },
          { field: "amount", message: "Remove the thousands separators (write 1000.50)" },
        ],
      },
      {
        row: 3,
        errors: [
          { field: "amount", message: "At most PHP\u00a050,000.00" },
          { field: "params.bank_code", message: "Choose a bank from the list" },
        ],
      },
    ]);
    // The unreadable amount is kept as typed; the readable one counts toward the draft's total.
    expect(saved.totalAmount).toBe("60201.50");
    const reopened = await getBatchForEditor(systemContext(t.db, "test"), { batchId: saved.batchId, makerId: maker.id });
    expect(rowsOf(reopened)[1]).toEqual({
      input: { ...mayaRow(2, { email: "not-an-email", amount: "1,000.00" }), external_id: "ref-2" },
      errors: saved.rowErrors[0]!.errors,
    });
    expect(rowsOf(reopened)[2]?.input.amount).toBe("60000.00");
  });

  it("replaces the rows of an existing draft and bumps its version", async () => {
    const first = await saveDraft(as(maker), { ...header, transactions: [mayaRow(1), mayaRow(2)] });
    const second = await saveDraft(as(maker), {
      batchId: first.batchId,
      version: first.version,
      methodName: "ph_bank_maya_php",
      description: "March payroll, corrected",
      scheduledAt: "2031-01-02T03:04:00.000Z",
      transactions: [mayaRow(7)],
    });
    expect(second).toMatchObject({ batchId: first.batchId, version: 2, transactionCount: 1, totalAmount: "207.50" });
    const reopened = await getBatchForEditor(systemContext(t.db, "test"), { batchId: first.batchId, makerId: maker.id });
    expect(reopened?.batch).toMatchObject({ version: 2, description: "March payroll, corrected", scheduledAt: new Date("2031-01-02T03:04:00.000Z") });
    expect(rowsOf(reopened).map((row) => row.input.first_name)).toEqual(["Juan7"]);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.batchId, first.batchId)).orderBy(asc(auditLog.id));
    expect(audits.map((audit) => audit.action)).toEqual(["batch.create", "batch.edit"]);
    expect(audits[1]).toMatchObject({ before: { version: 1, transactionCount: 2 }, after: { version: 2, transactionCount: 1 } });
  });

  it("refuses a save over a newer version (another tab saved first)", async () => {
    const first = await saveDraft(as(maker), { ...header, transactions: [mayaRow(1)] });
    await saveDraft(as(maker), { ...header, batchId: first.batchId, version: 1, transactions: [mayaRow(2)] });
    await expect(saveDraft(as(maker), { ...header, batchId: first.batchId, version: 1, transactions: [mayaRow(3)] })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/now version 2/),
    });
    const reopened = await getBatchForEditor(systemContext(t.db, "test"), { batchId: first.batchId, makerId: maker.id });
    expect(rowsOf(reopened).map((row) => row.input.first_name)).toEqual(["Juan2"]);
  });

  it("refuses anyone but the maker, and hides the draft from their editor", async () => {
    const draft = await saveDraft(as(maker), { ...header, transactions: [mayaRow(1)] });
    await expect(saveDraft(as(other), { ...header, batchId: draft.batchId, version: 1, transactions: [] })).rejects.toMatchObject({
      code: "forbidden",
      message: "Only the batch's maker can change it",
    });
    expect(await getBatchForEditor(systemContext(t.db, "test"), { batchId: draft.batchId, makerId: other.id })).toBeNull();
    expect(await t.db.$count(transactions, eq(transactions.batchId, draft.batchId))).toBe(1);
  });

  it("refuses to edit a batch that is no longer a draft", async () => {
    const draft = await saveDraft(as(maker), { ...header, transactions: [mayaRow(1)] });
    await t.db.update(batches).set({ status: "pending_approval" }).where(eq(batches.id, draft.batchId));
    await expect(saveDraft(as(maker), { ...header, batchId: draft.batchId, version: 1, transactions: [] })).rejects.toMatchObject({
      code: "conflict",
      message: "Only a draft can be changed (this batch is pending approval)",
    });
  });

  it("refuses a method whose spec did not parse, naming the reason", async () => {
    await expect(saveDraft(as(maker), { methodName: "broken_php", description: "Broken method", transactions: [] })).rejects.toMatchObject({
      code: "conflict",
      message: "Payout method Broken cannot be used: Method broken_php, field x: unknown type",
    });
    await expect(saveDraft(as(maker), { methodName: "nope", description: "No method", transactions: [] })).rejects.toMatchObject({ code: "not_found" });
  });

  it("checks amounts against the currency's decimals (VND has none)", async () => {
    const row = { first_name: "An", last_name: "Nguyen", email: "an@example.org", params: { account_number: "123" } };
    const saved = await saveDraft(as(maker), {
      methodName: "vn_bank_vnd",
      description: "Hanoi office",
      transactions: [{ ...row, amount: "150000" }, { ...row, amount: "150000.5" }, { ...row, amount: "20000.00" }],
    });
    expect(saved.totalAmount).toBe("170000");
    expect(saved.rowErrors).toEqual([{ row: 2, errors: [{ field: "amount", message: "VND allows no decimals" }] }]);
  });

  // Its speed is measured by `npm run bench -- csv_import_10k_ms`; tests never assert on time.
  it("stores 10,000 rows, and replaces them all on a re-save", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => mayaRow(i + 1));
    const saved = await saveDraft(as(maker), { ...header, transactions: rows });
    expect(saved).toMatchObject({ transactionCount: 10_000, invalidCount: 0 });
    expect(await t.db.$count(transactions, eq(transactions.batchId, saved.batchId))).toBe(10_000);
    const [sum] = await t.db.select({ total: batches.totalAmount }).from(batches).where(eq(batches.id, saved.batchId));
    // 10,000 rows of (200 + n % 1000) + 0.50: ten full cycles of 200..1199 at .50 each.
    expect(sum?.total).toBe("7000000.00");

    await saveDraft(as(maker), { ...header, batchId: saved.batchId, version: 1, transactions: rows.slice(0, 9_999) });
    expect(await t.db.$count(transactions, eq(transactions.batchId, saved.batchId))).toBe(9_999);
  });

  it("leaves the catalogue untouched", async () => {
    expect(await t.db.$count(payoutMethods)).toBe(3);
  });
});

describe("repeats of earlier batches", () => {
  it("flags rows whose external id, or account and amount, a recent batch of this method already holds", async () => {
    const earlier = await saveDraft(as(maker), { ...header, transactions: [mayaRow(90501, { external_id: "dup-ext-1" }), mayaRow(90502, { external_id: "" })] });
    const later = await saveDraft(as(maker), {
      ...header,
      transactions: [mayaRow(90503, { external_id: "dup-ext-1" }), mayaRow(90504, { external_id: "" }), { ...mayaRow(90502, { external_id: "" }) }],
    });
    expect(later.earlierDuplicates).toEqual([
      { row: 1, batchId: earlier.batchId, reason: "external_id" },
      { row: 3, batchId: earlier.batchId, reason: "account_amount" },
    ]);
    // A cancelled batch no longer counts.
    await t.db.update(batches).set({ status: "cancelled" }).where(eq(batches.id, earlier.batchId));
    const again = await saveDraft(as(maker), { ...header, batchId: later.batchId, version: later.version, transactions: [mayaRow(90503, { external_id: "dup-ext-1" })] });
    expect(again.earlierDuplicates).toEqual([]);
  });
});
