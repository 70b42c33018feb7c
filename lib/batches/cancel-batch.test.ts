import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethods, insertUser, MAYA, mayaRow } from "../../tests/helpers/batch-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { auditLog, batches, transactions } from "../db/schema";
import { cancelBatch } from "./cancel-batch";
import { saveDraft } from "./save-draft";

let t: TestDatabase;
let maker: { id: string; label: string };
let admin: { id: string; label: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await insertMethods(t.db, MAYA);
  maker = await insertUser(t.db, ["operator"], "Maker");
  admin = await insertUser(t.db, ["admin"], "Admin");
});
afterAll(async () => t.drop());

const newDraft = () => saveDraft(t.db, { actor: maker, methodName: "ph_bank_maya_php", description: "To cancel", transactions: [mayaRow(1)] });

describe("cancelling a batch", () => {
  it("cancels the maker's draft and keeps its rows for the record", async () => {
    const draft = await newDraft();
    await cancelBatch(t.db, { actor: maker, batchId: draft.batchId });
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
    expect(batch?.status).toBe("cancelled");
    expect(await t.db.$count(transactions, eq(transactions.batchId, draft.batchId))).toBe(1);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.batchId, draft.batchId)).orderBy(asc(auditLog.id));
    expect(audits.at(-1)).toMatchObject({ action: "batch.cancel", actorId: maker.id, before: { status: "draft" }, after: { status: "cancelled" } });
  });

  it("refuses anyone but the maker, admins included", async () => {
    const draft = await newDraft();
    await expect(cancelBatch(t.db, { actor: admin, batchId: draft.batchId })).rejects.toMatchObject({ code: "forbidden", message: "Only the person who created this batch can cancel it" });
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
    expect(batch?.status).toBe("draft");
  });

  it("refuses a batch that is past draft, and an unknown batch", async () => {
    const draft = await newDraft();
    await t.db.update(batches).set({ status: "pending_approval" }).where(eq(batches.id, draft.batchId));
    await expect(cancelBatch(t.db, { actor: maker, batchId: draft.batchId })).rejects.toMatchObject({ code: "conflict", message: "This batch is pending approval, so it can no longer be cancelled" });
    await expect(cancelBatch(t.db, { actor: maker, batchId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
  });
});
