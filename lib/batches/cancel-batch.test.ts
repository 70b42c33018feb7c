import { asc, eq } from "drizzle-orm";
import type { Role } from "../auth/roles";
import { createContext } from "../context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertMethods, insertUser, MAYA, mayaRow } from "../../tests/helpers/batch-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { auditLog, batches, transactions } from "../db/schema";
import { cancelBatch } from "./cancel-batch";
import { saveDraft } from "./save-draft";

/** The context of `user` acting (with `roles`), as a request would build it. */
const as = (user: { id: string; label: string }, roles: Role[] = ["operator"], now?: Date) =>
  createContext(t.db, { kind: "user", id: user.id, label: user.label, roles }, now ? { now: () => now } : {});

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

const newDraft = () => saveDraft(as(maker), { methodName: "ph_bank_maya_php", description: "To cancel", transactions: [mayaRow(1)] });

describe("cancelling a batch", () => {
  it("cancels the maker's draft and keeps its rows for the record", async () => {
    const draft = await newDraft();
    await cancelBatch(as(maker), { batchId: draft.batchId });
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
    expect(batch?.status).toBe("cancelled");
    expect(await t.db.$count(transactions, eq(transactions.batchId, draft.batchId))).toBe(1);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.batchId, draft.batchId)).orderBy(asc(auditLog.id));
    expect(audits.at(-1)).toMatchObject({ action: "batch.cancel", actorId: maker.id, before: { status: "draft" }, after: { status: "cancelled" } });
  });

  it("refuses anyone but the maker, admins included", async () => {
    const draft = await newDraft();
    await expect(cancelBatch(as(admin, ["admin"]), { batchId: draft.batchId })).rejects.toMatchObject({ code: "forbidden", message: "Only the batch's maker can change it" });
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
    expect(batch?.status).toBe("draft");
  });

  it("refuses a batch that is past draft, and an unknown batch", async () => {
    const draft = await newDraft();
    await t.db.update(batches).set({ status: "pending_approval" }).where(eq(batches.id, draft.batchId));
    await expect(cancelBatch(as(maker), { batchId: draft.batchId })).rejects.toMatchObject({ code: "conflict", message: "Only a draft can be changed (this batch is pending approval)" });
    await expect(cancelBatch(as(maker), { batchId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
  });
});
