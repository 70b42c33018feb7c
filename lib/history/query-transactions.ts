import { sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../context";
import type { BatchStatus } from "../db/schema";
import { DomainError } from "../errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { containsPattern, NOT_NEVER_SENT, isoUtc, SEARCH_TEXT, startOfDay, startOfNextDay } from "./filter-sql";
import { PAGE_SIZE, type HistoryFilters } from "./schemas";

export type TransactionHistoryRow = {
  id: string;
  /** The row's place in its batch (the keyset's last part: a batch's rows stay in batch order). */
  position: number;
  /** ISO 8601 in UTC with Postgres's microseconds (also the keyset position). */
  createdAt: string;
  batchId: string;
  batchDescription: string;
  payeeName: string;
  email: string;
  methodName: string;
  currency: string;
  amount: string | null;
  status: string | null;
  failureReason: string | null;
  batchStatus: BatchStatus;
  maker: string;
  approvers: string | null;
  payoutProviderId: string | null;
  transactionProviderId: string | null;
  externalId: string | null;
};

export type HistoryPage<Row> = { rows: Row[]; nextCursor: string | null };


/** One page of transactions, newest first and a batch's rows in their order, keyset-paged on (created_at, batch_id, -position): never OFFSET. */
export async function queryTransactions(ctx: ServiceContext, input: { filters: HistoryFilters; limit?: number }): Promise<HistoryPage<TransactionHistoryRow>> {
  const { filters, limit = PAGE_SIZE } = input;
  const rows = (await ctx.db.execute(transactionHistorySql(filters, limit + 1))) as unknown as TransactionHistoryRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: `${last.batchId}:${last.position}` }) : null };
}

/**
 * The history query for transactions: the page (with a limit) and the export (without) run
 * this same SQL, so the file holds exactly what the screen shows.
 */
export function transactionHistorySql(filters: HistoryFilters, limit?: number): SQL {
  const where = transactionConditions(filters);
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    const [batchId, position] = cursor.id.split(":");
    if (position === undefined) throw new DomainError("invalid", "The page link is damaged or out of date; start again from the first page");
    // Row comparison on the index's own order: a whole batch shares one created_at, so ties go
    // by batch, then by row (-position descending is position ascending); rows inserted later
    // sort before the cursor, not after.
    where.push(sql`(t.created_at, t.batch_id, -t.position) < (${cursor.at}::timestamptz, ${batchId}::uuid, ${-Number(position)}::int)`);
  }
  return sql`
    select
      ${isoUtc(sql`t.created_at`)} as "createdAt",
      t.id, t.position, t.batch_id as "batchId", b.description as "batchDescription",
      t.first_name || ' ' || t.last_name as "payeeName", t.email,
      b.method_name as "methodName", b.currency, t.amount,
      t.provider_status as status, t.failure_reason as "failureReason", b.status as "batchStatus",
      m.email as maker, ap.approvers,
      b.provider_uuid as "payoutProviderId", t.provider_uuid as "transactionProviderId", t.external_id as "externalId"
    from transactions t
    join batches b on b.id = t.batch_id
    join users m on m.id = b.created_by
    left join lateral (
      select string_agg(u.email, ', ' order by a.created_at, u.email) as approvers
      from approvals a join users u on u.id = a.approver_id
      where a.batch_id = t.batch_id
    ) ap on true
    where ${where.length ? sql.join(where, sql` and `) : sql`true`}
    order by t.created_at desc nulls last, t.batch_id desc nulls last, (-t.position) desc
    ${limit ? sql`limit ${limit}` : sql``}`;
}

// Method, currency and maker are read from the copies on the transaction (kept by a trigger):
// each has an index led by it, where the batch's columns would need a join first.
export function transactionConditions(filters: HistoryFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.from) where.push(sql`t.created_at >= ${startOfDay(filters.from)}::timestamptz`);
  if (filters.to) where.push(sql`t.created_at < ${startOfNextDay(filters.to)}::timestamptz`);
  if (filters.status) where.push(sql`t.provider_status = ${filters.status}`);
  if (filters.batchStatus) where.push(sql`b.status = ${filters.batchStatus}`);
  if (filters.method) where.push(sql`t.method_name = ${filters.method}`);
  if (filters.currency) where.push(sql`t.currency = ${filters.currency}`);
  if (filters.minAmount) where.push(sql`t.amount >= ${filters.minAmount}::numeric`);
  if (filters.maxAmount) where.push(sql`t.amount <= ${filters.maxAmount}::numeric`);
  if (filters.maker) where.push(sql`t.maker_id = ${filters.maker}::uuid`);
  if (filters.q) {
    // Also an account number (exact, spaces and dashes ignored) or Hello Clever's payout id: each branch has its own index.
    const exact = filters.q.replace(/[\s-]/g, "");
    where.push(sql`(${SEARCH_TEXT} ilike ${containsPattern(filters.q)}
      or (t.params->>'account_number') = ${exact}
      or t.batch_id in (select pb.id from batches pb where pb.provider_uuid = ${filters.q}))`);
  }
  if (!filters.drafts && filters.batchStatus !== "draft" && filters.batchStatus !== "cancelled") where.push(NOT_NEVER_SENT);
  return where;
}
