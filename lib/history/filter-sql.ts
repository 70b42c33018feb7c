import { sql, type SQL } from "drizzle-orm";

// SQL fragments shared by the history and audit queries (one place for each rule).

/**
 * Payee name, email and external ids as one text. It must match transactions_search_trgm_idx
 * (migration 0004) character for character: Postgres uses an expression index only for the
 * identical expression, with the table aliased `t`.
 */
export const SEARCH_TEXT = sql.raw(`(t.first_name || ' ' || t.last_name || ' ' || t.email || ' ' || coalesce(t.external_id, '') || ' ' || coalesce(t.provider_uuid, ''))`);

/** A timestamptz as ISO 8601 UTC text with all six fraction digits (exact keyset positions). */
export function isoUtc(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** `%text%` for ILIKE with the text's own %, _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The first instant of a UTC day given as YYYY-MM-DD (a range's inclusive start). */
export function startOfDay(day: string): string {
  return `${day}T00:00:00Z`;
}

/** The first instant after a UTC day (a range's exclusive end, so "to" includes the whole day). */
export function startOfNextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
}

/** History leaves out batches never sent: drafts, and drafts cancelled before approval ("include drafts" shows them). */
export const NOT_NEVER_SENT = sql.raw(`not (b.status = 'draft' or (b.status = 'cancelled' and b.provider_uuid is null))`);
