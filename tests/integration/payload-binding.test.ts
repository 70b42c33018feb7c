import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveBatch } from "../../lib/approvals/approve-batch";
import { verifyBatch } from "../../lib/approvals/verify-batch";
import { saveDraft } from "../../lib/batches/save-draft";
import { submitForApproval } from "../../lib/batches/submit-for-approval";
import { systemContext } from "../../lib/context";
import { approvals, batches, transactions } from "../../lib/db/schema";
import { createHelloCleverClient, type HelloCleverClient } from "../../lib/hello-clever/client";
import { submitBatch, type SubmissionConfig } from "../../lib/submission/submit-batch";
import { insertMethods, insertUser, MAYA, mayaRow } from "../helpers/batch-fixtures";
import { userContext } from "../helpers/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { auditRows } from "../helpers/pending-batch";
import { launchSimulator, type LaunchedSimulator } from "../helpers/simulator";

// Done when (issue 17): "a batch whose rows differ by one cent from what was approved is not sent".

const CONFIG: SubmissionConfig = { publicBaseUrl: "http://127.0.0.1:3999", providerIsSimulator: true };
let t: TestDatabase;
let sim: LaunchedSimulator;
let client: HelloCleverClient;
let maker: Awaited<ReturnType<typeof insertUser>>;
let ava: Awaited<ReturnType<typeof insertUser>>;
const queue = { enqueueSubmit: async () => undefined };

async function payoutsFor(batchId: string): Promise<unknown[]> {
  const response = await fetch(`${sim.controlUrl}/payouts`);
  const { records } = (await response.json()) as { records: { external_id: string | null }[] };
  return records.filter((payout) => payout.external_id === batchId);
}

async function approvedBatch(): Promise<string> {
  const draft = await saveDraft(userContext(t.db, maker), { methodName: MAYA.name, description: "Bound to its payload", transactions: [mayaRow(1, { amount: "250.00" }), mayaRow(2, { amount: "300.00" })] });
  await submitForApproval(userContext(t.db, maker), { batchId: draft.batchId, version: draft.version, approvalExpiryDays: 7 });
  const [batch] = await t.db.select().from(batches).where(eq(batches.id, draft.batchId));
  await approveBatch(userContext(t.db, ava), { batchId: draft.batchId, version: batch!.version, payloadHash: batch!.payloadHash! }, queue);
  return draft.batchId;
}

beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), launchSimulator({ env: { SIMULATOR_STEP_MS: "600000" } })]);
  client = createHelloCleverClient({ baseUrl: sim.url, appId: sim.appId, secretKey: sim.secretKey, retryBaseDelayMs: 20 });
  await insertMethods(t.db, MAYA);
  maker = await insertUser(t.db, ["operator"], "Olivia Maker");
  ava = await insertUser(t.db, ["approver"], "Ava Approver");
});
afterAll(async () => {
  await Promise.all([t?.drop(), sim?.stop()]);
});

describe("approval bound to the payload", () => {
  it("each approval records the hash it approved, and a matching batch is sent", async () => {
    const batchId = await approvedBatch();
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, batchId));
    const [approval] = await t.db.select().from(approvals).where(eq(approvals.batchId, batchId));
    expect(approval?.payloadHash).toBe(batch?.payloadHash);
    expect(await submitBatch(systemContext(t.db, "submit-batch"), { client, batchId, config: CONFIG })).toMatchObject({ kind: "submitted" });
    expect(await payoutsFor(batchId)).toHaveLength(1);

    // verify-batch: the payout re-read at Hello Clever is what was approved…
    const verified = await verifyBatch(systemContext(t.db, "verify-batch"), { client, batchId });
    expect(verified.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verified.ok).toBe(true);
    // …and a later edit of the stored rows is named.
    await t.db.update(transactions).set({ amount: "250.01" }).where(eq(transactions.batchId, batchId));
    const tampered = await verifyBatch(systemContext(t.db, "verify-batch"), { client, batchId });
    expect(tampered.ok).toBe(false);
    expect(tampered.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(["stored rows match an approval", "transactions (amount and params)"]);
  });

  it("does not send a batch one of whose rows changed by one cent after approval: needs attention, audited", async () => {
    const batchId = await approvedBatch();
    // A bug, a migration or a hand edit between approval and sending.
    await t.db.update(transactions).set({ amount: "300.01" }).where(eq(transactions.batchId, batchId));
    expect(await submitBatch(systemContext(t.db, "submit-batch"), { client, batchId, config: CONFIG })).toEqual({ kind: "needs_attention", code: "payload_mismatch" });
    expect(await payoutsFor(batchId)).toEqual([]);
    const [batch] = await t.db.select().from(batches).where(eq(batches.id, batchId));
    expect(batch).toMatchObject({ status: "needs_attention", attentionCode: "payload_mismatch" });
    const [audit] = await auditRows(t.db, batchId, "batch.payload_mismatch");
    expect(audit?.details).toMatchObject({ sentHash: expect.stringMatching(/^[0-9a-f]{64}$/), approvedHashes: [batch!.payloadHash] });
  });

  it("refuses an approval of a payload other than the one the approver was shown", async () => {
    const draft = await saveDraft(userContext(t.db, maker), { methodName: MAYA.name, description: "Shown another payload", transactions: [mayaRow(3)] });
    await submitForApproval(userContext(t.db, maker), { batchId: draft.batchId, version: draft.version, approvalExpiryDays: 7 });
    await expect(approveBatch(userContext(t.db, ava), { batchId: draft.batchId, version: draft.version, payloadHash: "0".repeat(64) }, queue)).rejects.toMatchObject({ code: "conflict" });
  });
});
