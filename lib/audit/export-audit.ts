import { streamQueryCsv, type CsvChunk, type CsvColumn } from "../csv/stream-query-csv";
import type { Sql } from "../db";
import { auditSql, type AuditRow } from "./query-audit";
import type { AuditFilters } from "./schemas";

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const AUDIT_COLUMNS: CsvColumn<AuditRow>[] = [
  ["Time (UTC)", (r) => r.at],
  ["Actor", (r) => r.actorLabel],
  ["Action", (r) => r.action],
  ["Batch ID", (r) => r.batchId],
  ["Entity type", (r) => r.entityType],
  ["Entity ID", (r) => r.entityId],
  ["Before", (r) => json(r.before)],
  ["After", (r) => json(r.after)],
  ["Details", (r) => json(r.details)],
  ["Request ID", (r) => r.requestId],
  ["Entry ID", (r) => r.id],
];

/** Every audit entry the filters select (all pages), streamed as CSV from a cursor. */
export function exportAuditCsv(sql: Sql, filters: AuditFilters): AsyncGenerator<CsvChunk> {
  return streamQueryCsv(sql, auditSql({ ...filters, cursor: undefined }), AUDIT_COLUMNS);
}
