import { streamQueryCsv, type CsvChunk, type CsvColumn } from "../csv/stream-query-csv";
import type { Sql } from "../db";
import { CHAIN_HEAD_LABEL, GENESIS_HASH } from "./audit-chain";
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
  // The chain (issue 17): appended, so earlier columns keep their places.
  ["Actor ID", "actorId"],
  ["Chain sequence", "chainSeq"],
  ["Previous hash", "prevHash"],
  ["Row hash", "rowHash"],
];

/**
 * Every audit entry the filters select (all pages), streamed as CSV by Postgres, then one last
 * line with the chain head read before the rows (`Chain head,<seq>,<hash>,complete|filtered`),
 * which `npm run verify-audit` checks the file against.
 */
export async function* exportAuditCsv(sql: Sql, filters: AuditFilters): AsyncGenerator<CsvChunk> {
  const [head] = await sql<{ seq: string; hash: string }[]>`select seq::text as seq, hash from audit_chain_head where id = 'head'`;
  yield* streamQueryCsv(sql, auditSql({ ...filters, cursor: undefined }), AUDIT_COLUMNS);
  const filtered = Object.entries(filters).some(([key, value]) => key !== "cursor" && value !== undefined && value !== "");
  const line = `${CHAIN_HEAD_LABEL},${head?.seq ?? "0"},${head?.hash ?? GENESIS_HASH},${filtered ? "filtered" : "complete"}\r\n`;
  yield { bytes: new TextEncoder().encode(line), rows: 0 };
}
