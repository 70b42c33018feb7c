import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { riskFlags, type Payee } from "../db/schema";
import { describeChanges } from "../payees/mask";
import { RISK_FLAG_SEVERITY } from "./flags";

/** Batches not yet sent: a payee change must be seen by whoever still decides on them. */
export const OPEN_STATUSES = ["draft", "pending_approval", "approved", "needs_attention"] as const;

/**
 * After an approved change of a payee's account details: every open batch paying this payee gets
 * an "account details changed" flag on each such row, and "account differs" where the row still
 * pays other details than the new approved ones. Returns how many batches were flagged.
 */
export async function flagOpenBatchesForPayee(tx: Db, payee: Payee, now: Date): Promise<number> {
  const rows = (await tx.execute(sql`
    select t.id, t.batch_id as "batchId", t.params
    from transactions t join batches b on b.id = t.batch_id
    where t.method_name = ${payee.methodName} and lower(t.email) = ${payee.email}
      and b.status::text in (select jsonb_array_elements_text(${JSON.stringify(OPEN_STATUSES)}::jsonb))`)) as unknown as {
    id: string;
    batchId: string;
    params: Record<string, string>;
  }[];
  if (rows.length === 0) return 0;
  const changedOn = now.toISOString().slice(0, 10);
  const flags = rows.flatMap((row) => {
    const changes = describeChanges(payee.params, row.params);
    const base = { batchId: row.batchId, transactionId: row.id, payeeId: payee.id, createdAt: now };
    return [
      { ...base, code: "account_changed", severity: RISK_FLAG_SEVERITY.account_changed, details: { changedOn, afterBatch: true as const } },
      ...(changes ? [{ ...base, code: "account_mismatch", severity: RISK_FLAG_SEVERITY.account_mismatch, details: { changes, afterBatch: true as const } }] : []),
    ];
  });
  for (let i = 0; i < flags.length; i += 1000) await tx.insert(riskFlags).values(flags.slice(i, i + 1000));
  return new Set(rows.map((row) => row.batchId)).size;
}
