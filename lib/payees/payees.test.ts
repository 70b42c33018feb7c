import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethods, insertUser, MAYA } from "../../tests/helpers/batch-fixtures";
import { userContext } from "../../tests/helpers/context";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { systemContext } from "../context";
import { insertBatch } from "../../tests/helpers/pending-batch";
import type { Role } from "../auth/roles";
import { auditLog, payees, riskFlags } from "../db/schema";
import { listBatchFlags } from "../risk/list-batch-flags";
import { decidePayee } from "./decide-payee";
import { getPayee } from "./get-payee";
import { maskAccount, maskParams } from "./mask";
import { findPayeeForEditor, findPayeesForEditor } from "./find-payees-for-editor";
import { payeeRowInput, splitPayeeName } from "./payee-row";
import { createPayee, proposePayeeChange } from "./propose-payee";
import { searchPayees } from "./search-payees";

type U = { id: string; label: string; roles: Role[] };
let t: TestDatabase;
let olivia: U;
let omar: U;
let ava: U;
let auditor: U;

const params = (account: string) => ({ account_number: account, account_name: "Juan Dela Cruz", bank_code: "601" });

beforeAll(async () => {
  t = await createTestDatabase();
  await insertMethods(t.db, MAYA);
  olivia = await insertUser(t.db, ["operator"], "Olivia Maker");
  omar = await insertUser(t.db, ["operator"], "Omar Maker");
  ava = await insertUser(t.db, ["approver"], "Ava Approver");
  auditor = await insertUser(t.db, ["auditor"], "Aud Itor");
});
afterAll(async () => t.drop());

describe("payee book", () => {
  it("a new payee waits for someone other than its maker, and roles without the permission cannot add one", async () => {
    const payee = await createPayee(userContext(t.db, olivia), { methodName: MAYA.name, name: "Juan Dela Cruz", email: "juan@example.org", params: params("000123451234") });
    expect(payee.status).toBe("pending_approval");
    await expect(createPayee(userContext(t.db, auditor), { methodName: MAYA.name, name: "X", email: "x@example.org", params: params("1") })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decidePayee(userContext(t.db, olivia), { payeeId: payee.id, decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    // An operator cannot approve either (approvers and admins decide), and nothing moved.
    await expect(decidePayee(userContext(t.db, omar), { payeeId: payee.id, decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getPayee(systemContext(t.db, "test"), { payeeId: payee.id }))?.status).toBe("pending_approval");
    expect(await decidePayee(userContext(t.db, ava), { payeeId: payee.id, decision: "approve" })).toEqual({ status: "active", flaggedBatches: 0 });
    await expect(createPayee(userContext(t.db, omar), { methodName: MAYA.name, name: "Juan", email: "JUAN@example.org", params: params("9") })).rejects.toMatchObject({ code: "conflict" });
  });

  it("names the field of bad details", async () => {
    await expect(createPayee(userContext(t.db, olivia), { methodName: MAYA.name, name: "No Bank", email: "nobank@example.org", params: { account_number: "1", account_name: "N" } })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/Bank Code is required/),
    });
    await expect(createPayee(userContext(t.db, olivia), { methodName: "nope", name: "N", email: "n@example.org", params: {} })).rejects.toMatchObject({ message: expect.stringMatching(/^Method:/) });
  });

  it("changing account details needs someone else's approval, is audited before → after (masked), and flags every open batch paying them", async () => {
    const [payee] = await t.db.select().from(payees).where(eq(payees.email, "juan@example.org"));
    // Two open batches pay Juan (matched by method + email), one of them already sent (not flagged).
    const open1 = await insertBatch(t.db, { makerId: olivia.id, amounts: ["300.00"] });
    const open2 = await insertBatch(t.db, { makerId: olivia.id, amounts: ["400.00"], status: "approved" });
    const sent = await insertBatch(t.db, { makerId: olivia.id, amounts: ["500.00"], status: "completed" });
    await t.sql`update transactions set email = 'Juan@example.org' where batch_id in (${open1.id}, ${open2.id}, ${sent.id})`;

    await proposePayeeChange(userContext(t.db, omar), { payeeId: payee!.id, name: "Juan Dela Cruz", params: params("999988887777") });
    let view = await getPayee(systemContext(t.db, "test"), { payeeId: payee!.id });
    expect(view?.params.account_number).toBe("000123451234"); // unchanged until approved
    expect(view?.pending?.params.account_number).toBe("999988887777");
    await expect(decidePayee(userContext(t.db, omar), { payeeId: payee!.id, decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });

    const result = await decidePayee(userContext(t.db, ava), { payeeId: payee!.id, decision: "approve" });
    expect(result).toEqual({ status: "active", flaggedBatches: 2 });
    view = await getPayee(systemContext(t.db, "test"), { payeeId: payee!.id });
    expect(view).toMatchObject({ params: params("999988887777"), pending: null });
    expect(view?.detailsChangedAt).toBeInstanceOf(Date);

    const flags = await t.db.select().from(riskFlags).where(eq(riskFlags.payeeId, payee!.id));
    expect(new Set(flags.map((f) => f.batchId))).toEqual(new Set([open1.id, open2.id]));
    expect(flags.map((f) => f.code).sort()).toEqual(["account_changed", "account_changed", "account_mismatch", "account_mismatch"]);
    // Each flag says why, in the row's own words, account numbers masked.
    const listed = (await listBatchFlags(systemContext(t.db, "test"), { batchId: open1.id })).listed;
    const day = new Date().toISOString().slice(0, 10);
    expect(listed.map((f) => f.message)).toEqual([
      `Row 1: juan@example.org's account details were changed on ${day}, after this batch was made`,
      expect.stringMatching(/^Row 1: account details differ from juan@example\.org's newly approved details \(account_number •••• 6780 in the row, •••• 7777 approved/),
    ]);

    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "payee.change_approve"));
    expect(audit).toMatchObject({ entityId: payee!.id, before: { params: { account_number: "•••• 1234" } }, after: { params: { account_number: "•••• 7777" } } });
    expect(JSON.stringify(audit)).not.toContain("999988887777");
  });

  it("a rejected change leaves the approved details", async () => {
    const [payee] = await t.db.select().from(payees).where(eq(payees.email, "juan@example.org"));
    await proposePayeeChange(userContext(t.db, olivia), { payeeId: payee!.id, name: "Juan Dela Cruz", params: params("111122223333") });
    await decidePayee(userContext(t.db, ava), { payeeId: payee!.id, decision: "reject" });
    expect((await getPayee(systemContext(t.db, "test"), { payeeId: payee!.id }))?.params.account_number).toBe("999988887777");
  });

  it("searches by name, email or account", async () => {
    expect((await searchPayees(systemContext(t.db, "test"), { q: "dela" })).map((p) => p.email)).toEqual(["juan@example.org"]);
    expect((await searchPayees(systemContext(t.db, "test"), { q: "8887" })).map((p) => p.email)).toEqual(["juan@example.org"]);
    expect(await searchPayees(systemContext(t.db, "test"), { q: "nobody" })).toEqual([]);
  });

  it("the batch editor's picker offers a method's payees with their approved details, never a refused one, and fills a row from them", async () => {
    const refused = await createPayee(userContext(t.db, omar), { methodName: MAYA.name, name: "Refused Payee", email: "refused@example.org", params: params("4444") });
    await decidePayee(userContext(t.db, ava), { payeeId: refused.id, decision: "reject" });
    const maker = userContext(t.db, olivia);
    const found = await findPayeesForEditor(maker, { method: MAYA.name, q: "8887" });
    expect(found).toEqual([{ id: expect.any(String), name: "Juan Dela Cruz", email: "juan@example.org", status: "active", params: params("999988887777") }]);
    expect(await findPayeesForEditor(maker, { method: MAYA.name, q: "refused" })).toEqual([]);
    expect(await findPayeesForEditor(maker, { method: "other_method", q: "juan" })).toEqual([]);
    expect(await findPayeeForEditor(maker, { payeeId: refused.id, method: MAYA.name })).toBeNull();
    expect(await findPayeeForEditor(maker, { payeeId: found[0]!.id, method: "other_method" })).toBeNull();
    // A row keeps its amount and external id; only the method's fields are taken.
    expect(payeeRowInput({ ...found[0]!, params: { ...found[0]!.params, stray: "x" } }, ["account_number", "account_name", "bank_code"], { amount: "12.50", external_id: "inv-7" })).toEqual({
      first_name: "Juan",
      last_name: "Dela Cruz",
      email: "juan@example.org",
      amount: "12.50",
      external_id: "inv-7",
      params: params("999988887777"),
    });
    expect(splitPayeeName("  Cher ")).toEqual({ first_name: "Cher", last_name: "Cher" });
  });

  it("masks account numbers to the last 4 for roles that do not need them", () => {
    expect(maskAccount("000123451234")).toBe("•••• 1234");
    expect(maskParams(params("000123451234"), false)).toEqual({ account_number: "•••• 1234", account_name: "Juan Dela Cruz", bank_code: "601" });
    expect(maskParams(params("000123451234"), true).account_number).toBe("000123451234");
  });
});
