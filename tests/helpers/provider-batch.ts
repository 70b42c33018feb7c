import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../lib/db";
import { batches, payoutMethods, transactions, users } from "../../lib/db/schema";
import type { HelloCleverClient } from "../../lib/hello-clever/client";
import { sumAmounts } from "../../lib/money";
import { hashWebhookSecret } from "../../lib/webhooks/webhook-secret";

const METHOD = "ph_bank_maya_php";

/** A maker (created unless `makerEmail` names an existing user) and the Maya method (idempotent). */
export async function seedMakerAndMethod(db: Db, makerEmail = "maker@test.local"): Promise<{ makerId: string }> {
  await db.insert(payoutMethods).values({ name: METHOD, currency: "PHP", label: "PHP Bank Maya", minAmount: "200", maxAmount: "50000" }).onConflictDoNothing();
  await db.insert(users).values({ email: makerEmail, name: "Mia Maker", passwordHash: "not-a-hash", roles: ["operator"] }).onConflictDoNothing();
  const [maker] = await db.select({ id: users.id }).from(users).where(eq(users.email, makerEmail));
  return { makerId: maker!.id };
}

export type ProviderBatch = { batchId: string; secret: string; providerUuid: string };

/**
 * What a successful submission leaves behind (issue 6 owns the real one): a `submitted` batch with
 * its secret's hash, and the payout created at the simulator with that secret and the batch id as
 * external_id. A future `scheduledAt` holds it at `created`. Accounts ending 0001 or 0002 fail at completion (simulator/README.md).
 */
export async function createProviderBatch(
  db: Db,
  client: HelloCleverClient,
  input: {
    receiverBaseUrl: string;
    accounts: string[];
    amount?: string;
    scheduledAt?: Date;
    makerEmail?: string;
    description?: string;
    /** Called as soon as Hello Clever has the payout (before the batch is marked submitted), e.g. to hold it. */
    onPayoutCreated?: (providerUuid: string) => Promise<unknown>;
  },
): Promise<ProviderBatch> {
  const { makerId } = await seedMakerAndMethod(db, input.makerEmail);
  const description = input.description ?? "Live table test payout";
  const amount = input.amount ?? "250.00";
  const secret = randomBytes(32).toString("base64url");
  const [batch] = await db
    .insert(batches)
    .values({
      status: "submitting",
      methodName: METHOD,
      currency: "PHP",
      description,
      createdBy: makerId,
      totalAmount: sumAmounts(input.accounts.map(() => amount)),
      transactionCount: input.accounts.length,
      webhookSecretHash: hashWebhookSecret(secret),
    })
    .returning({ id: batches.id });
  const batchId = batch!.id;
  const rows = input.accounts.map((account, position) => ({
    batchId,
    position,
    firstName: "Payee",
    lastName: `Number ${position + 1}`,
    email: `payee${position + 1}@test.local`,
    amount,
    params: { account_number: account, account_name: `Payee ${position + 1}`, bank_code: "600" },
  }));
  // In slices: PostgreSQL takes at most 65,535 parameters per statement.
  for (let start = 0; start < rows.length; start += 5000) await db.insert(transactions).values(rows.slice(start, start + 5000));
  const payout = await client.createPayout({
    currency: "PHP",
    payoutMethodName: METHOD,
    description,
    webhook: { endpointUrl: `${input.receiverBaseUrl}/api/webhooks/hello-clever/${batchId}`, authorizationHeader: secret },
    externalId: batchId,
    scheduledAt: input.scheduledAt,
    transactions: rows.map((row) => ({ firstName: row.firstName, lastName: row.lastName, email: row.email, amount, params: row.params })),
  });
  await input.onPayoutCreated?.(payout.uuid);
  await db
    .update(batches)
    .set({ status: "submitted", providerUuid: payout.uuid, providerStatus: payout.status, providerTotalAmount: payout.totalAmount, submittedAt: new Date() })
    .where(eq(batches.id, batchId));
  return { batchId, secret, providerUuid: payout.uuid };
}
