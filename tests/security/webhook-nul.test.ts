import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batches, payoutMethods, users, webhookDeliveries } from "../../lib/db/schema";
import { readWebhookBody } from "../../lib/webhooks/read-webhook-body";
import { recordDelivery } from "../../lib/webhooks/record-delivery";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// Issue 13: "a webhook body with a NUL inside a string is stored (escaped) and answered 200 like
// any authentic delivery" (PostgreSQL text holds no NUL: before, the insert failed, a 500, and
// Hello Clever retried the delivery for ever).

let t: TestDatabase;
let batchId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const [maker] = await t.db.insert(users).values({ email: "maker@nul.test", name: "Maker", passwordHash: "!", roles: ["operator"] }).returning({ id: users.id });
  await t.db.insert(payoutMethods).values({ name: "ph_bank_maya_php", currency: "PHP", label: "PHP Bank Maya" }).onConflictDoNothing();
  const [batch] = await t.db.insert(batches).values({ methodName: "ph_bank_maya_php", currency: "PHP", description: "NUL webhook", createdBy: maker!.id }).returning({ id: batches.id });
  batchId = batch!.id;
});
afterAll(async () => t.drop());

describe("a webhook with NUL inside a string", () => {
  it("is stored escaped and accepted", async () => {
    const queued: string[] = [];
    const bytes = new TextEncoder().encode(JSON.stringify({ uuid: "abc\u0000def", status: "completed\u0000" }));
    const body = await readWebhookBody(new Request("http://127.0.0.1/webhook", { method: "POST", body: bytes }));
    const outcome = await recordDelivery(t.db, { batch: { id: batchId, providerStatus: "created" }, body: body!, contentType: "application/json" }, { enqueueApply: async (id) => queued.push(id) });
    expect(outcome).toMatchObject({ kind: "accepted", claimedStatus: "completed\\u0000" });
    expect(queued).toEqual([batchId]);
    const [stored] = await t.db.select().from(webhookDeliveries);
    expect(stored?.body).toContain("\\u0000"); // JSON's own escape, kept as text
    expect(stored?.claimedStatus).toBe("completed\\u0000");
  });
});
