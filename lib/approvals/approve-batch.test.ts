import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, batches } from "../db/schema";
import { DomainError } from "../errors";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { insertUser } from "../../tests/helpers/batch-fixtures";
import { auditRows, insertBatch } from "../../tests/helpers/pending-batch";
import { approveBatch } from "./approve-batch";
import { userContext } from "../../tests/helpers/context";
import type { Role } from "../auth/roles";

let t: TestDatabase;
let maker: { id: string; label: string; roles: Role[] };
let ava: { id: string; label: string; roles: Role[] };
let arjun: { id: string; label: string; roles: Role[] };
let admin: { id: string; label: string; roles: Role[] };

/** A queue that remembers what it was asked to enqueue. */
function recordingQueue() {
  const enqueued: string[] = [];
  return { enqueued, enqueueSubmit: async (batchId: string) => void enqueued.push(batchId) };
}

async function statusOf(batchId: string) {
  const [row] = await t.db.select({ status: batches.status }).from(batches).where(eq(batches.id, batchId));
  return row?.status;
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

beforeAll(async () => {
  t = await createTestDatabase();
  maker = await insertUser(t.db, ["operator"], "Olivia Maker");
  ava = await insertUser(t.db, ["approver"], "Ava Approver");
  arjun = await insertUser(t.db, ["approver"], "Arjun Approver");
  admin = await insertUser(t.db, ["admin", "operator"], "Adam Admin");
});
afterAll(() => t.drop());

describe("approveBatch", () => {
  it("moves a batch needing one approval to approved, audits it once and enqueues its submission", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id });
    const queue = recordingQueue();
    const result = await approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, queue);
    expect(result).toEqual({ status: "approved", approvals: 1, approvalsNeeded: 1 });
    expect(await statusOf(batch.id)).toBe("approved");
    expect(queue.enqueued).toEqual([batch.id]);
    const audit = await auditRows(t.db, batch.id, "batch.approve");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: ava.id, before: { status: "pending_approval", approvals: 0 }, after: { status: "approved", approvals: 1 } });
  });

  it("refuses approval by the batch's maker, even an admin, and records nothing", async () => {
    const batch = await insertBatch(t.db, { makerId: admin.id });
    const queue = recordingQueue();
    const error = await refusal(approveBatch(userContext(t.db, admin), { batchId: batch.id, version: 1 }, queue));
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/maker-checker/);
    expect(await statusOf(batch.id)).toBe("pending_approval");
    expect(await t.db.$count(approvals, eq(approvals.batchId, batch.id))).toBe(0);
    expect(await auditRows(t.db, batch.id)).toHaveLength(0);
    expect(queue.enqueued).toEqual([]);
  });

  it("has the database refuse an approval row written for the maker, whatever the app does", async () => {
    const batch = await insertBatch(t.db, { makerId: admin.id });
    const error = await t.db.insert(approvals).values({ batchId: batch.id, approverId: admin.id, batchVersion: 1 }).then(() => null, (e: unknown) => e);
    expect(String((error as Error).cause ?? error)).toMatch(/maker-checker/);
    expect(await t.db.$count(approvals, eq(approvals.batchId, batch.id))).toBe(0);
  });

  it("needs two different approvers above the threshold and says 1 of 2 in between", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, amounts: ["6000.00", "6000.00"], approvalsNeeded: 2 });
    const queue = recordingQueue();
    const first = await approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, queue);
    expect(first).toEqual({ status: "pending_approval", approvals: 1, approvalsNeeded: 2 });
    expect(queue.enqueued).toEqual([]);
    const again = await refusal(approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, queue));
    expect(again.message).toBe("You have already approved this batch");
    const second = await approveBatch(userContext(t.db, arjun), { batchId: batch.id, version: 1 }, queue);
    expect(second).toEqual({ status: "approved", approvals: 2, approvalsNeeded: 2 });
    expect(queue.enqueued).toEqual([batch.id]);
    expect((await auditRows(t.db, batch.id, "batch.approve")).map((row) => row.actorId)).toEqual([ava.id, arjun.id]);
  });

  it("lets two approvers racing on a one-approval batch make exactly one transition and one audit entry", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id });
    const queue = recordingQueue();
    const results = await Promise.allSettled([
      approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, queue),
      approveBatch(userContext(t.db, arjun), { batchId: batch.id, version: 1 }, queue),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "conflict", message: "This batch has already been approved" });
    expect(await statusOf(batch.id)).toBe("approved");
    expect(await t.db.$count(approvals, eq(approvals.batchId, batch.id))).toBe(1);
    expect(await auditRows(t.db, batch.id, "batch.approve")).toHaveLength(1);
    expect(queue.enqueued).toEqual([batch.id]);
  });

  it("records a double click once", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, approvalsNeeded: 2 });
    const queue = recordingQueue();
    const results = await Promise.allSettled([
      approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, queue),
      approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, queue),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await t.db.$count(approvals, eq(approvals.batchId, batch.id))).toBe(1);
    expect(await auditRows(t.db, batch.id, "batch.approve")).toHaveLength(1);
    expect(await statusOf(batch.id)).toBe("pending_approval");
  });

  it("lets the two needed approvers approve at once: both count, one transition, one submission", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, approvalsNeeded: 2 });
    const queue = recordingQueue();
    const results = await Promise.all([
      approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, queue),
      approveBatch(userContext(t.db, arjun), { batchId: batch.id, version: 1 }, queue),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["approved", "pending_approval"]);
    expect(queue.enqueued).toEqual([batch.id]);
    const audit = await auditRows(t.db, batch.id, "batch.approve");
    expect(audit.map((row) => (row.after as { status: string }).status).sort()).toEqual(["approved", "pending_approval"]);
  });

  it("refuses an approval of a batch edited since the approver opened it", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, overrides: { version: 2 } });
    const error = await refusal(approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, recordingQueue()));
    expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(/edited after you opened it/) });
    expect(await statusOf(batch.id)).toBe("pending_approval");
  });

  it.each([
    ["rejected", /rejected meanwhile/],
    ["cancelled", /cancelled meanwhile/],
    ["draft", /sent back to draft/],
    ["approval_expired", /expired/],
  ] as const)("refuses an approval of a batch %s meanwhile, saying so", async (status, message) => {
    const batch = await insertBatch(t.db, { makerId: maker.id, status });
    const error = await refusal(approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, recordingQueue()));
    expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(message) });
    expect(await auditRows(t.db, batch.id)).toHaveLength(0);
  });

  it("refuses an approval after the approval deadline even before the expiry job ran", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, approvalExpiresAt: new Date(Date.now() - 1000) });
    const error = await refusal(approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, recordingQueue()));
    expect(error.message).toMatch(/waited too long/);
  });

  it("keeps the approval when enqueueing the submission fails (the sweep re-enqueues it)", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id });
    const failing = { enqueueSubmit: async () => Promise.reject(new Error("queue down")) };
    await expect(approveBatch(userContext(t.db, ava), { batchId: batch.id, version: 1 }, failing)).resolves.toMatchObject({ status: "approved" });
    expect(await statusOf(batch.id)).toBe("approved");
  });

  it("says so when the batch does not exist", async () => {
    const error = await refusal(approveBatch(userContext(t.db, ava), { batchId: "00000000-0000-4000-8000-000000000000", version: 1 }, recordingQueue()));
    expect(error.code).toBe("not_found");
  });
});
