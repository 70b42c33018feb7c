import { sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { decodeCursor, encodeCursor } from "../history/cursor";
import { containsPattern, isoUtc, startOfDay, startOfNextDay } from "../history/filter-sql";
import type { HistoryPage } from "../history/query-transactions";
import { PAGE_SIZE } from "../history/schemas";
import type { AuditFilters } from "./schemas";

export type AuditRow = {
  id: string;
  /** ISO 8601 in UTC with microseconds (also the keyset position). */
  at: string;
  actorLabel: string;
  actorId: string | null;
  /** The acting person's name (null for jobs). */
  actorName: string | null;
  action: string;
  batchId: string | null;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  requestId: string | null;
  chainSeq: string | null;
  prevHash: string | null;
  rowHash: string | null;
};

/** One page of the audit trail, newest first, keyset-paged on (at, id). */
export async function queryAudit(ctx: ServiceContext, input: { filters: AuditFilters; limit?: number }): Promise<HistoryPage<AuditRow>> {
  const { filters, limit = PAGE_SIZE } = input;
  const rows = (await ctx.db.execute(auditSql(filters, limit + 1))) as unknown as AuditRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
}

/** The audit query, shared by the page and the export. */
export function auditSql(filters: AuditFilters, limit?: number): SQL {
  const where: SQL[] = [];
  // Actor: part of the email or job name. Action: a prefix, so "batch." finds every batch action.
  if (filters.actor) where.push(sql`a.actor_label ilike ${containsPattern(filters.actor)}`);
  if (filters.action) where.push(sql`a.action like ${`${filters.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filters.batch) {
    // A whole id, or the short id the console shows (its first characters).
    if (filters.batch.length === 36) where.push(sql`a.batch_id = ${filters.batch}::uuid`);
    else where.push(sql`a.batch_id::text like ${`${filters.batch.toLowerCase()}%`}`);
  }
  if (filters.from) where.push(sql`a.at >= ${startOfDay(filters.from)}::timestamptz`);
  if (filters.to) where.push(sql`a.at < ${startOfNextDay(filters.to)}::timestamptz`);
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    where.push(sql`(a.at, a.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`);
  }
  return sql`
    select a.id::text as id, ${isoUtc(sql`a.at`)} as at, a.actor_label as "actorLabel", a.actor_id as "actorId",
      (select u.name from users u where u.id = a.actor_id) as "actorName", a.action,
      a.batch_id as "batchId", a.entity_type as "entityType", a.entity_id as "entityId",
      a.before, a.after, a.details, a.request_id as "requestId",
      a.chain_seq as "chainSeq", a.prev_hash as "prevHash", a.row_hash as "rowHash"
    from audit_log a
    where ${where.length ? sql.join(where, sql` and `) : sql`true`}
    order by a.at desc nulls last, a.id desc nulls last
    ${limit ? sql`limit ${limit}` : sql``}`;
}
