import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../context";
import { batches } from "../db/schema";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { insertUser } from "../../tests/helpers/batch-fixtures";
import { auditRows, insertBatch } from "../../tests/helpers/pending-batch";
import { expireApprovals } from "./expire-approvals";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const DAY = 86_400_000;

describe("expireApprovals", () => {
  it("expires only pending batches past their deadline, as approval_expired, audited by the job", async () => {
    const maker = await insertUser(t.db, ["operator"]);
    const now = new Date();
    const overdue = await insertBatch(t.db, { makerId: maker.id, approvalExpiresAt: new Date(now.getTime() - 1000) });
    const current = await insertBatch(t.db, { makerId: maker.id, approvalExpiresAt: new Date(now.getTime() + DAY) });
    // No deadline stored: submitted for approval 8 days ago, with a 7-day limit.
    const legacy = await insertBatch(t.db, { makerId: maker.id, approvalExpiresAt: null, overrides: { submittedForApprovalAt: new Date(now.getTime() - 8 * DAY) } });
    const approved = await insertBatch(t.db, { makerId: maker.id, status: "approved", approvalExpiresAt: new Date(now.getTime() - DAY) });

    const expired = await expireApprovals(systemContext(t.db, "expire-approvals", { now: () => now }), { expiryDays: 7 });
    expect(expired.sort()).toEqual([overdue.id, legacy.id].sort());
    const statuses = await t.db.select({ id: batches.id, status: batches.status }).from(batches);
    const statusOf = (id: string) => statuses.find((row) => row.id === id)?.status;
    expect([statusOf(overdue.id), statusOf(current.id), statusOf(legacy.id), statusOf(approved.id)]).toEqual(["approval_expired", "pending_approval", "approval_expired", "approved"]);
    const audit = await auditRows(t.db, overdue.id, "batch.approval_expire");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, actorLabel: "job:expire-approvals", after: { status: "approval_expired" } });

    // A second run changes nothing and writes nothing.
    expect(await expireApprovals(systemContext(t.db, "expire-approvals", { now: () => now }), { expiryDays: 7 })).toEqual([]);
    expect(await auditRows(t.db, overdue.id, "batch.approval_expire")).toHaveLength(1);
    const [row] = await t.db.select().from(batches).where(eq(batches.id, current.id));
    expect(row!.status).toBe("pending_approval");
  });
});
