import { asc, eq } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { approvals, batches, transactions } from "../db/schema";
import type { HelloCleverClient } from "../hello-clever/client";
import type { Payout } from "../hello-clever/types";
import { compareAmounts } from "../money";
import { batchPayload, payloadHash } from "./payload-hash";

export type VerifyCheck = { check: string; ok: boolean; detail: string };
export type VerifyBatchResult = { ok: boolean; approvedHashes: string[]; storedHash: string; checks: VerifyCheck[] };

const sortedJson = (record: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(record)
      .sort()
      .map((key) => [key, String(record[key])]),
  );

/**
 * An auditor's check of a batch (`npm run verify-batch -- <id>`): the stored rows still hash to what
 * an approval approved, and the payout Hello Clever holds (re-read by its uuid) carries the same
 * method, currency, description, external id, total and, per transaction, amount and params.
 */
export async function verifyBatch(ctx: ServiceContext, input: { client: HelloCleverClient; batchId: string }): Promise<VerifyBatchResult> {
  const { db } = ctx;
  const { client, batchId } = input;
  const [batch] = await db.select().from(batches).where(eq(batches.id, batchId));
  if (!batch) throw new Error(`No batch ${batchId}`);
  const rows = await db.select().from(transactions).where(eq(transactions.batchId, batchId)).orderBy(asc(transactions.position));
  const approvedHashes = (await db.select({ hash: approvals.payloadHash }).from(approvals).where(eq(approvals.batchId, batchId))).flatMap((a) => (a.hash ? [a.hash] : []));
  const storedHash = payloadHash(batchPayload(batch, rows));
  const checks: VerifyCheck[] = [
    {
      check: "stored rows match an approval",
      ok: approvedHashes.includes(storedHash),
      detail: approvedHashes.length ? `stored ${storedHash}; approved ${approvedHashes.join(", ")}` : "no approval recorded a payload hash",
    },
  ];
  if (!batch.providerUuid) {
    checks.push({ check: "payout at Hello Clever", ok: false, detail: `not sent (status ${batch.status})` });
    return { ok: false, approvedHashes, storedHash, checks };
  }
  const payout: Payout = await client.getPayout(batch.providerUuid);
  const same = (check: string, local: string | null, remote: string | null) => checks.push({ check, ok: (local ?? "") === (remote ?? ""), detail: `console ${local ?? "(none)"}, Hello Clever ${remote ?? "(none)"}` });
  same("method", batch.methodName, payout.payoutMethodName);
  same("currency", batch.currency, payout.currency);
  same("description", batch.description, payout.description);
  same("external id", batch.id, payout.externalId === null ? null : String(payout.externalId));
  checks.push({ check: "total", ok: compareAmounts(batch.totalAmount, payout.totalAmount) === 0, detail: `console ${batch.totalAmount}, Hello Clever ${payout.totalAmount}` });
  checks.push({ check: "transaction count", ok: rows.length === payout.transactions.length, detail: `console ${rows.length}, Hello Clever ${payout.transactions.length}` });
  // Transactions as a multiset of (amount, params), whatever order the provider lists them in.
  const key = (amount: string, params: Record<string, unknown>) => `${compareAmounts(amount, "0") === 0 ? "0" : amount.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")}|${sortedJson(params)}`;
  const remote = new Map<string, number>();
  for (const t of payout.transactions) remote.set(key(t.amount, t.payoutMethodParams), (remote.get(key(t.amount, t.payoutMethodParams)) ?? 0) + 1);
  const unmatched: number[] = [];
  for (const row of rows) {
    const k = key(row.amount ?? "", row.params);
    const left = remote.get(k) ?? 0;
    if (left > 0) remote.set(k, left - 1);
    else unmatched.push(row.position + 1);
  }
  checks.push({
    check: "transactions (amount and params)",
    ok: unmatched.length === 0,
    detail: unmatched.length === 0 ? "every row is held as sent" : `rows ${unmatched.slice(0, 10).join(", ")}${unmatched.length > 10 ? "…" : ""} differ at Hello Clever`,
  });
  return { ok: checks.every((c) => c.ok), approvedHashes, storedHash, checks };
}
