import { sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { DEFAULT_APPROVAL_THRESHOLD } from "./schemas";

export type ApprovalThresholdRow = { currency: string; amount: string; isDefault: boolean; updatedBy: string | null; updatedAt: Date | null };

/** The threshold of every currency a method pays out in (or one was set for), default included. */
export async function listApprovalThresholds(ctx: ServiceContext): Promise<ApprovalThresholdRow[]> {
  const rows = await ctx.db.execute<{ currency: string; amount: string | null; updated_by: string | null; updated_at: string | null }>(sql`
    select c.currency, t.amount, u.email as updated_by, t.updated_at
    from (select currency from payout_methods union select currency from approval_thresholds) c
    left join approval_thresholds t on t.currency = c.currency
    left join users u on u.id = t.updated_by
    order by c.currency`);
  return rows.map((row) => ({
    currency: row.currency,
    amount: row.amount ?? DEFAULT_APPROVAL_THRESHOLD,
    isDefault: row.amount === null,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
  }));
}
