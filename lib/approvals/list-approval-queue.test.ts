import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batches } from "../db/schema";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { insertUser } from "../../tests/helpers/batch-fixtures";
import { insertBatch } from "../../tests/helpers/pending-batch";
import { approveBatch } from "./approve-batch";
import { listApprovalQueue } from "./list-approval-queue";
import { userContext } from "../../tests/helpers/context";
import { systemContext } from "../context";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("listApprovalQueue", () => {
  it("lists pending batches oldest first, without the approver's own or those they already approved", async () => {
    const maker = await insertUser(t.db, ["operator"], "Olivia Maker");
    const ava = await insertUser(t.db, ["approver", "operator"], "Ava Approver");
    const arjun = await insertUser(t.db, ["approver"], "Arjun Approver");
    const newer = await insertBatch(t.db, { makerId: maker.id, amounts: ["300.00", "450.50"] });
    const older = await insertBatch(t.db, { makerId: maker.id, approvalsNeeded: 2 });
    await t.db.update(batches).set({ submittedForApprovalAt: new Date(Date.now() - 3 * 3600_000) }).where(eq(batches.id, older.id));
    const avasOwn = await insertBatch(t.db, { makerId: ava.id });
    await insertBatch(t.db, { makerId: maker.id, status: "draft" });
    await insertBatch(t.db, { makerId: maker.id, status: "approved" });

    const forAva = await listApprovalQueue(systemContext(t.db, "test"), { approverId: ava.id });
    expect(forAva.map((item) => item.id)).toEqual([older.id, newer.id]);
    expect(forAva[1]).toMatchObject({ methodLabel: "MAYA", currency: "PHP", totalAmount: "750.5", transactionCount: 2, makerName: "Olivia Maker", approvals: 0, approvalsNeeded: 1 });

    await approveBatch(userContext(t.db, ava), { batchId: older.id, version: 1 }, { enqueueSubmit: async () => undefined });
    expect((await listApprovalQueue(systemContext(t.db, "test"), { approverId: ava.id })).map((item) => item.id)).toEqual([newer.id]);
    const forArjun = await listApprovalQueue(systemContext(t.db, "test"), { approverId: arjun.id });
    expect(forArjun.map((item) => item.id)).toEqual([older.id, newer.id, avasOwn.id]);
    expect(forArjun[0]).toMatchObject({ approvals: 1, approvalsNeeded: 2 });
  });
});
