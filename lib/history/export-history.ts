import { streamQueryCsv, type CsvChunk, type CsvColumn } from "../csv/stream-query-csv";
import type { Sql } from "../db";
import { batchHistorySql, type BatchHistoryRow } from "./query-batches";
import { transactionHistorySql, type TransactionHistoryRow } from "./query-transactions";
import type { HistoryFilters } from "./schemas";

// The screen's columns, plus the ids a reconciliation needs. Amounts stay the decimal strings
// Postgres returned (never a JS number).
const TRANSACTION_COLUMNS: CsvColumn<TransactionHistoryRow>[] = [
  ["Date (UTC)", (r) => r.createdAt],
  ["Batch ID", (r) => r.batchId],
  ["Batch", (r) => r.batchDescription],
  ["Payee name", (r) => r.payeeName],
  ["Email", (r) => r.email],
  ["Method", (r) => r.methodName],
  ["Currency", (r) => r.currency],
  ["Amount", (r) => r.amount],
  ["Transaction status", (r) => r.status],
  ["Failure reason", (r) => r.failureReason],
  ["Batch status", (r) => r.batchStatus],
  ["Maker", (r) => r.maker],
  ["Approvers", (r) => r.approvers],
  ["Payout provider ID", (r) => r.payoutProviderId],
  ["Transaction provider ID", (r) => r.transactionProviderId],
  ["External ID", (r) => r.externalId],
  ["Transaction ID", (r) => r.id],
];

const BATCH_COLUMNS: CsvColumn<BatchHistoryRow>[] = [
  ["Date (UTC)", (r) => r.createdAt],
  ["Batch ID", (r) => r.id],
  ["Batch", (r) => r.description],
  ["Method", (r) => r.methodName],
  ["Currency", (r) => r.currency],
  ["Total", (r) => r.totalAmount],
  ["Transactions", (r) => r.transactionCount],
  ["Failed", (r) => r.failedCount],
  ["Batch status", (r) => r.status],
  ["Maker", (r) => r.maker],
  ["Approvers", (r) => r.approvers],
  ["Payout provider ID", (r) => r.providerId],
  ["Provider status", (r) => r.providerStatus],
  ["Rejection reason", (r) => r.rejectionReason],
];

/** Every row the current filters select (all pages, not one), streamed as CSV from a cursor. */
export function exportHistoryCsv(sql: Sql, filters: HistoryFilters): AsyncGenerator<CsvChunk> {
  const all = { ...filters, cursor: undefined };
  return filters.view === "batches" ? streamQueryCsv(sql, batchHistorySql(all), BATCH_COLUMNS) : streamQueryCsv(sql, transactionHistorySql(all), TRANSACTION_COLUMNS);
}
