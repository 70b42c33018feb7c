import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batches } from "../db/schema";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { insertUser } from "../../tests/helpers/batch-fixtures";
import { auditRows, insertBatch } from "../../tests/helpers/pending-batch";
import { rejectBatch } from "./reject-batch";
import { rejectBatchSchema } from "./schemas";
import { userContext } from "../../tests/helpers/context";
import type { Role } from "../auth/roles";

let t: TestDatabase;
let maker: { id: string; label: string; roles: Role[] };
let ava: { id: string; label: string; roles: Role[] };

beforeAll(async () => {
  t = await createTestDatabase();
  maker = await insertUser(t.db, ["operator"], "Olivia Maker");
  ava = await insertUser(t.db, ["approver"], "Ava Approver");
});
afterAll(() => t.drop());

describe("rejectBatch", () => {
  it("rejects with the reason and who rejected, for the maker to read, audited once", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id });
    await rejectBatch(userContext(t.db, ava), { batchId: batch.id, reason: "Wrong payroll month" });
    const [row] = await t.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(row).toMatchObject({ status: "rejected", rejectionReason: "Wrong payroll month", rejectedBy: ava.id });
    expect(row!.rejectedAt).toBeInstanceOf(Date);
    const audit = await auditRows(t.db, batch.id, "batch.reject");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: ava.id, before: { status: "pending_approval" }, after: { status: "rejected" }, details: { reason: "Wrong payroll month" } });
  });

  it("refuses a rejection by the maker", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id });
    await expect(rejectBatch(userContext(t.db, maker), { batchId: batch.id, reason: "Changed my mind" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a batch no longer waiting for approval, and a second rejection", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, status: "approved" });
    await expect(rejectBatch(userContext(t.db, ava), { batchId: batch.id, reason: "Too late now" })).rejects.toMatchObject({
      code: "conflict",
      message: "This batch is no longer waiting for approval (it is approved)",
    });
    const pending = await insertBatch(t.db, { makerId: maker.id });
    const both = await Promise.allSettled([
      rejectBatch(userContext(t.db, ava), { batchId: pending.id, reason: "Duplicate of last week" }),
      rejectBatch(userContext(t.db, ava), { batchId: pending.id, reason: "Duplicate of last week" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await auditRows(t.db, pending.id, "batch.reject")).toHaveLength(1);
  });
});

describe("rejectBatchSchema", () => {
  const batchId = "5b0c3a8e-7a4e-4f57-9c1e-2b8f2f1d9a10";
  it("requires a reason of 5 to 500 characters, trimmed, naming the field", () => {
    expect(rejectBatchSchema.safeParse({ batchId, reason: "  Wrong month  " }).data?.reason).toBe("Wrong month");
    const short = rejectBatchSchema.safeParse({ batchId, reason: "  no  " });
    expect(short.error?.issues[0]?.message).toMatch(/^Reason:/);
    expect(rejectBatchSchema.safeParse({ batchId }).error?.issues[0]?.message).toBe("Reason is required");
    expect(rejectBatchSchema.safeParse({ batchId, reason: "x".repeat(501) }).success).toBe(false);
  });
});
