import { sql } from "drizzle-orm";
import type { Db } from "../db";
import type { CheckedTransaction } from "./check-transaction";

/** A row of this batch that repeats a transaction of an earlier batch of the same method. */
export type EarlierDuplicate = { row: number; batchId: string; reason: "external_id" | "account_amount" };

/** How far back a repeat counts (the "last 30 days"). */
export const DUPLICATE_WINDOW_DAYS = 30;

/**
 * Rows (1-based) whose external id, or payee account and amount, match a transaction of another
 * batch of this method created in the last 30 days that was not cancelled, rejected or expired.
 * One match per row (the most recent). Flagged, never refused: paying one person twice can be meant.
 */
export async function findEarlierDuplicates(db: Db, input: { batchId: string; methodName: string; rows: CheckedTransaction[] }): Promise<EarlierDuplicate[]> {
  if (input.rows.length === 0) return [];
  const externalIds = sql.param(input.rows.map((row) => row.externalId ?? ""));
  const accounts = sql.param(input.rows.map((row) => row.params.account_number ?? ""));
  const amounts = sql.param(input.rows.map((row) => row.amount ?? ""));
  const result = await db.execute<{ rn: number; batch_id: string; reason: EarlierDuplicate["reason"] }>(sql`
    with mine as (
      select r.ord::int as rn, r.external_id, r.account, nullif(r.amount, '')::numeric as amount
      from unnest(${externalIds}::text[], ${accounts}::text[], ${amounts}::text[]) with ordinality as r(external_id, account, amount, ord)
    ),
    earlier as (
      select t.batch_id, t.external_id, t.params ->> 'account_number' as account, t.amount, t.created_at
      from transactions t join batches b on b.id = t.batch_id
      where t.method_name = ${input.methodName} and t.created_at > now() - make_interval(days => ${DUPLICATE_WINDOW_DAYS})
        and t.batch_id <> ${input.batchId}::uuid and b.status not in ('cancelled', 'rejected', 'expired')
    ),
    matches as (
      select m.rn, e.batch_id, 'external_id' as reason, e.created_at from mine m join earlier e on m.external_id <> '' and e.external_id = m.external_id
      union all
      select m.rn, e.batch_id, 'account_amount', e.created_at from mine m join earlier e on m.account <> '' and e.account = m.account and e.amount = m.amount
    )
    select distinct on (rn) rn, batch_id, reason from matches order by rn, created_at desc`);
  return result.map((match) => ({ row: match.rn, batchId: match.batch_id, reason: match.reason }));
}
