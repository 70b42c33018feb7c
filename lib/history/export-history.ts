import { streamQueryCsv, type CsvChunk, type CsvColumn } from "../csv/stream-query-csv";
import type { Sql } from "../db";
import { batchHistorySql } from "./query-batches";
import { transactionHistorySql } from "./query-transactions";
import type { HistoryFilters } from "./schemas";

// The screen's columns, plus the ids a reconciliation needs, each read from the history query's
// column of that alias. Amounts are the numeric's own text (never a JS number).
const TRANSACTION_COLUMNS: CsvColumn[] = [
  ["Date (UTC)", "createdAt"],
  ["Batch ID", "batchId"],
  ["Batch", "batchDescription"],
  ["Payee name", "payeeName"],
  ["Email", "email"],
  ["Method", "methodName"],
  ["Currency", "currency"],
  ["Amount", "amount"],
  ["Transaction status", "status"],
  ["Failure reason", "failureReason"],
  ["Batch status", "batchStatus"],
  ["Maker", "maker"],
  ["Approvers", "approvers"],
  ["Payout provider ID", "payoutProviderId"],
  ["Transaction provider ID", "transactionProviderId"],
  ["External ID", "externalId"],
  ["Transaction ID", "id"],
];

const BATCH_COLUMNS: CsvColumn[] = [
  ["Date (UTC)", "createdAt"],
  ["Batch ID", "id"],
  ["Batch", "description"],
  ["Method", "methodName"],
  ["Currency", "currency"],
  ["Total", "totalAmount"],
  ["Transactions", "transactionCount"],
  ["Failed", "failedCount"],
  ["Batch status", "status"],
  ["Maker", "maker"],
  ["Approvers", "approvers"],
  ["Payout provider ID", "providerId"],
  ["Provider status", "providerStatus"],
  ["Rejection reason", "rejectionReason"],
];

/** Every row the current filters select (all pages, not one), streamed as CSV by Postgres. */
export function exportHistoryCsv(sql: Sql, filters: HistoryFilters): AsyncGenerator<CsvChunk> {
  const all = { ...filters, cursor: undefined };
  return filters.view === "batches" ? streamQueryCsv(sql, batchHistorySql(all), BATCH_COLUMNS) : streamQueryCsv(sql, transactionHistorySql(all), TRANSACTION_COLUMNS);
}
