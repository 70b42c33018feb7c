import { sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { transactionConditions } from "./query-transactions";
import type { HistoryFilters } from "./schemas";

export type HistorySummary = { rows: number; byCurrency: { currency: string; rows: number; total: string }[] };

/** How many transactions the filters select (all pages) and their sum per currency: what /history says above the table. */
export async function summarizeTransactions(ctx: ServiceContext, input: { filters: HistoryFilters }): Promise<HistorySummary> {
  const where = transactionConditions(input.filters);
  const rows = await ctx.db.execute<{ currency: string | null; rows: number; total: string }>(sql`
    select t.currency, count(*)::int as rows, coalesce(sum(t.amount), 0)::text as total
    from transactions t join batches b on b.id = t.batch_id
    where ${where.length ? sql.join(where, sql` and `) : sql`true`}
    group by t.currency order by t.currency`);
  const byCurrency = rows.map((row) => ({ currency: row.currency ?? "—", rows: row.rows, total: row.total }));
  return { rows: byCurrency.reduce((sum, row) => sum + row.rows, 0), byCurrency };
}
