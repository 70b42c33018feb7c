import { streamQueryCsv, type CsvChunk, type CsvColumn } from "../csv/stream-query-csv";
import type { Sql } from "../db";
import { auditSql } from "./query-audit";
import type { AuditFilters } from "./schemas";

// Before, after and details are written as their jsonb text (an empty cell when absent).
const AUDIT_COLUMNS: CsvColumn[] = [
  ["Time (UTC)", "at"],
  ["Actor", "actorLabel"],
  ["Action", "action"],
  ["Batch ID", "batchId"],
  ["Entity type", "entityType"],
  ["Entity ID", "entityId"],
  ["Before", "before"],
  ["After", "after"],
  ["Details", "details"],
  ["Request ID", "requestId"],
  ["Entry ID", "id"],
];

/** Every audit entry the filters select (all pages), streamed as CSV by Postgres. */
export function exportAuditCsv(sql: Sql, filters: AuditFilters): AsyncGenerator<CsvChunk> {
  return streamQueryCsv(sql, auditSql({ ...filters, cursor: undefined }), AUDIT_COLUMNS);
}
