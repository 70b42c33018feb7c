import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { batches, transactions, users } from "../lib/db/schema";
import { createHelloCleverClient } from "../lib/hello-clever/client";
import { getMethodForForm } from "../lib/methods/get-method-for-form";
import type { MethodForForm } from "../lib/methods/schemas";
import { systemContext } from "../lib/context";
import { methodsToSync } from "../lib/methods/known-methods";
import { syncMethods } from "../lib/methods/sync-methods";
import { hashWebhookSecret } from "../lib/webhooks/webhook-secret";
import type { BenchEnvironment } from "./environment";

export const BENCH_METHOD = "ph_bank_maya_php";

let catalogue: Promise<MethodForForm> | undefined;

/** The methods catalogue synced from the simulator, as an admin's "Sync" does; returns the bench's method. */
export function benchMethod(env: BenchEnvironment): Promise<MethodForForm> {
  return (catalogue ??= (async () => {
    const [{ db }, sim] = await Promise.all([env.database(), env.simulator()]);
    const client = createHelloCleverClient({ baseUrl: sim.url, appId: sim.appId, secretKey: sim.secretKey });
    const ctx = systemContext(db, "bench");
    const outcome = await syncMethods(ctx, { client, methods: methodsToSync(BENCH_METHOD) });
    if (outcome.kind !== "synced") throw new Error(`Could not sync the methods catalogue from the simulator: ${outcome.message}`);
    return getMethodForForm(ctx, { name: BENCH_METHOD });
  })());
}

export async function userId(env: BenchEnvironment, email: string): Promise<string> {
  const { db } = await env.database();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`Demo user ${email} is missing`);
  return user.id;
}

/** A batch that Hello Clever holds: the raw payout object it answered, and the secret its webhooks carry. */
export type ProviderBatch = { id: string; secret: string; providerUuid: string; payout: Record<string, unknown> };

async function simulatorJson(url: string, init: RequestInit & { appId: string; secretKey: string }): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", "app-id": init.appId, "secret-key": init.secretKey },
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * Batches in `submitted`, each with a real payout at the simulator (status `created`, external_id
 * the batch id, webhooks to the app's receiver) and its own webhook secret, stored the way
 * submission stores them (sha256 of the secret). Written directly: the approval flow is not
 * what the webhook measures are about.
 */
export async function createProviderBatches(env: BenchEnvironment, input: { count: number; appUrl: string; label: string }): Promise<ProviderBatch[]> {
  const [{ db }, sim, method] = await Promise.all([env.database(), env.simulator(), benchMethod(env)]);
  const makerId = await userId(env, "operator@demo.test");
  const bankCode = method.banks[0]?.code;
  if (!bankCode) throw new Error(`${method.name} lists no banks`);
  const created: ProviderBatch[] = [];
  for (let n = 0; n < input.count; n++) {
    const id = randomUUID();
    const secret = randomBytes(32).toString("base64url");
    const payee = { first_name: "Maria", last_name: "Santos", email: `maria.santos+${n}@example.org`, amount: "250.00" };
    const params = { account_number: `0009${String(n).padStart(8, "0")}`, account_name: "Maria Santos", bank_code: bankCode };
    const description = `${input.label} ${n + 1}`;
    const payout = await simulatorJson(`${sim.url}/api/v2/payouts`, {
      method: "POST",
      appId: sim.appId,
      secretKey: sim.secretKey,
      body: JSON.stringify({
        payout_method_name: method.name,
        currency: method.currency,
        description,
        external_id: id,
        webhook_notification: { endpoint_url: `${input.appUrl}/api/webhooks/hello-clever/${id}`, authorization_header: secret },
        // amount: a JSON number, as documented (the simulator refuses a string).
        payout_transaction_details: [{ ...payee, amount: Number(payee.amount), payout_method_params: params }],
      }),
    });
    const providerUuid = String(payout.uuid);
    await db.transaction(async (tx) => {
      await tx.insert(batches).values({
        id,
        status: "submitted",
        methodName: method.name,
        currency: method.currency,
        description,
        createdBy: makerId,
        totalAmount: payee.amount,
        transactionCount: 1,
        webhookSecretHash: hashWebhookSecret(secret),
        providerUuid,
        providerStatus: "created",
        providerTotalAmount: payee.amount,
        submittedAt: new Date(),
      });
      await tx.insert(transactions).values({
        batchId: id,
        position: 0,
        firstName: payee.first_name,
        lastName: payee.last_name,
        email: payee.email,
        amount: payee.amount,
        params,
      });
    });
    created.push({ id, secret, providerUuid, payout });
  }
  return created;
}

/** Moves a payout one status on at the simulator, which then delivers its webhook to the app. */
export async function advancePayout(env: BenchEnvironment, providerUuid: string): Promise<void> {
  const sim = await env.simulator();
  const response = await fetch(`${sim.controlUrl}/payouts/${providerUuid}/advance`, { method: "POST" });
  if (!response.ok) throw new Error(`Advancing payout ${providerUuid} answered ${response.status}: ${await response.text()}`);
}

/** Waits (up to `timeoutMs`) until no apply-webhook job is waiting or running. */
export async function drainWebhookJobs(env: BenchEnvironment, timeoutMs: number): Promise<boolean> {
  const { sql } = await env.database();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await sql<{ open: number }[]>`
      select count(*)::int as open from pgboss.job where name = 'apply-webhook' and state in ('created', 'retry', 'active')`;
    if (row?.open === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
