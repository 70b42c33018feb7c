import { sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../context";
import type { BatchStatus } from "../db/schema";
import { decodeCursor, encodeCursor } from "./cursor";
import { containsPattern, isoUtc, NOT_NEVER_SENT, SEARCH_TEXT, startOfDay, startOfNextDay } from "./filter-sql";
import type { HistoryPage } from "./query-transactions";
import { PAGE_SIZE, type HistoryFilters } from "./schemas";

export type BatchHistoryRow = {
  id: string;
  createdAt: string;
  description: string;
  methodName: string;
  currency: string;
  totalAmount: string;
  transactionCount: number;
  failedCount: number;
  status: BatchStatus;
  maker: string;
  approvers: string | null;
  providerId: string | null;
  providerStatus: string | null;
  rejectionReason: string | null;
};

/** One page of batches, newest first, keyset-paged on (created_at, id). */
export async function queryBatches(ctx: ServiceContext, input: { filters: HistoryFilters; limit?: number }): Promise<HistoryPage<BatchHistoryRow>> {
  const { filters, limit = PAGE_SIZE } = input;
  const rows = (await ctx.db.execute(batchHistorySql(filters, limit + 1))) as unknown as BatchHistoryRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

/** The history query for batches, shared by the page and the export. */
export function batchHistorySql(filters: HistoryFilters, limit?: number): SQL {
  const where = batchConditions(filters);
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    where.push(sql`(b.created_at, b.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  return sql`
    select
      ${isoUtc(sql`b.created_at`)} as "createdAt", b.id, b.description,
      b.method_name as "methodName", b.currency, b.total_amount as "totalAmount",
      b.transaction_count as "transactionCount", b.failed_count as "failedCount", b.status,
      m.email as maker, ap.approvers, b.provider_uuid as "providerId", b.provider_status as "providerStatus",
      b.rejection_reason as "rejectionReason"
    from batches b
    join users m on m.id = b.created_by
    left join lateral (
      select string_agg(u.email, ', ' order by a.created_at, u.email) as approvers
      from approvals a join users u on u.id = a.approver_id
      where a.batch_id = b.id
    ) ap on true
    where ${where.length ? sql.join(where, sql` and `) : sql`true`}
    order by b.created_at desc nulls last, b.id desc nulls last
    ${limit ? sql`limit ${limit}` : sql``}`;
}

// In the batch view, transaction-level filters select the batches holding such a transaction.
function batchConditions(filters: HistoryFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.from) where.push(sql`b.created_at >= ${startOfDay(filters.from)}::timestamptz`);
  if (filters.to) where.push(sql`b.created_at < ${startOfNextDay(filters.to)}::timestamptz`);
  if (filters.status) where.push(sql`exists (select 1 from transactions t where t.batch_id = b.id and t.provider_status = ${filters.status})`);
  if (filters.batchStatus) where.push(sql`b.status = ${filters.batchStatus}`);
  if (filters.method) where.push(sql`b.method_name = ${filters.method}`);
  if (filters.currency) where.push(sql`b.currency = ${filters.currency}`);
  if (filters.minAmount) where.push(sql`b.total_amount >= ${filters.minAmount}::numeric`);
  if (filters.maxAmount) where.push(sql`b.total_amount <= ${filters.maxAmount}::numeric`);
  if (filters.maker) where.push(sql`b.created_by = ${filters.maker}::uuid`);
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    where.push(sql`(b.description ilike ${pattern} or b.id::text ilike ${pattern} or b.provider_uuid ilike ${pattern}
      or exists (select 1 from transactions t where t.batch_id = b.id and ${SEARCH_TEXT} ilike ${pattern}))`);
  }
  if (!filters.drafts && filters.batchStatus !== "draft" && filters.batchStatus !== "cancelled") where.push(NOT_NEVER_SENT);
  return where;
}
