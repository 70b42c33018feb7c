import Link from "next/link";
import { BatchStatusBadge } from "@/components/batches/batch-status-badge";
import type { TransactionHistoryRow } from "@/lib/history/query-transactions";
import { ColumnChooser } from "@/components/ui/column-chooser";
import { Table, TBody, THead } from "@/components/ui/table";
import { Instant } from "@/components/ui/time-zone";
import { formatMoney } from "@/lib/format/money";
import { TransactionStatusBadge } from "./transaction-status-badge";

const HEAD = "px-3 py-2.5 text-left font-medium whitespace-nowrap";
const TABLE_ID = "history-transactions";
// Date, batch, payee, amount and transaction status always show; the rest can be hidden.
const OPTIONAL_COLUMNS = [
  { key: "email", label: "Email" },
  { key: "method", label: "Method" },
  { key: "currency", label: "Currency" },
  { key: "failure", label: "Failure reason" },
  { key: "batch-status", label: "Batch status" },
  { key: "maker", label: "Maker" },
  { key: "approvers", label: "Approvers" },
  { key: "provider-ids", label: "Provider IDs" },
];
const CELL = "px-3 py-2.5 align-top";

/** History, one row per transaction: who was paid, how much, what happened, who made and approved it. */
export function TransactionsTable({ rows }: { rows: TransactionHistoryRow[] }) {
  return (
    <div id={TABLE_ID}>
      <div className="flex justify-end border-b border-slate-200 px-4 py-2">
        <ColumnChooser tableId={TABLE_ID} columns={OPTIONAL_COLUMNS} />
      </div>
      <Table label="Transactions" minWidth="min-w-[1500px]" tableTestId="history-table">
        <THead>
          <tr>
            <th scope="col" className={`${HEAD} sticky left-0 z-10 bg-slate-50`}>Date</th>
            <th scope="col" className={HEAD}>Batch</th>
            <th scope="col" className={HEAD}>Payee name</th>
            <th scope="col" className={HEAD} data-col="email">Email</th>
            <th scope="col" className={HEAD} data-col="method">Method</th>
            <th scope="col" className={HEAD} data-col="currency">Currency</th>
            <th scope="col" className={`${HEAD} text-right`}>Amount</th>
            <th scope="col" className={HEAD}>Transaction status</th>
            <th scope="col" className={HEAD} data-col="failure">Failure reason</th>
            <th scope="col" className={HEAD} data-col="batch-status">Batch status</th>
            <th scope="col" className={HEAD} data-col="maker">Maker</th>
            <th scope="col" className={HEAD} data-col="approvers">Approvers</th>
            <th scope="col" className={HEAD} data-col="provider-ids">Provider IDs</th>
          </tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50/60" data-testid="history-row" data-transaction-id={row.id}>
              <td className={`${CELL} sticky left-0 z-10 whitespace-nowrap bg-white tabular-nums text-slate-700`}>
                <Instant at={row.createdAt} style="seconds" />
              </td>
              <td className={`${CELL} max-w-48`}>
                <Link href={`/batches/${row.batchId}`} className="block truncate font-medium text-brand-700 hover:underline" title={row.batchDescription}>
                  {row.batchDescription}
                </Link>
                <span className="font-mono text-xs text-slate-500">{row.batchId.slice(0, 8)}</span>
              </td>
              <td className={`${CELL} whitespace-nowrap font-medium text-slate-900`} data-cell="payee">{row.payeeName}</td>
              <td className={`${CELL} whitespace-nowrap text-slate-600`} data-cell="email" data-col="email">{row.email}</td>
              <td className={`${CELL} font-mono text-xs text-slate-600`} data-col="method">{row.methodName}</td>
              <td className={`${CELL} text-slate-600`} data-col="currency">{row.currency}</td>
              <td className={`${CELL} whitespace-nowrap text-right font-medium tabular-nums text-slate-900`} data-cell="amount" data-amount={row.amount ?? ""}>
                {formatMoney(row.amount, row.currency, { code: false })}
              </td>
              <td className={CELL}>
                <TransactionStatusBadge status={row.status} />
              </td>
              <td className={`${CELL} min-w-48 text-xs leading-5 text-red-700`} data-col="failure">{row.failureReason ?? <span className="text-slate-500">—</span>}</td>
              <td className={`${CELL} whitespace-nowrap`} data-col="batch-status">
                <BatchStatusBadge status={row.batchStatus} />
              </td>
              <td className={`${CELL} whitespace-nowrap text-xs leading-5 text-slate-600`} data-col="maker">{row.maker}</td>
              <td className={`${CELL} whitespace-nowrap text-xs leading-5 text-slate-600`} data-col="approvers">
                {row.approvers ? row.approvers.split(", ").map((email) => <div key={email}>{email}</div>) : <span className="text-slate-500">—</span>}
              </td>
              <td className={`${CELL} whitespace-nowrap font-mono text-xs text-slate-500`} data-col="provider-ids">
                {row.payoutProviderId || row.transactionProviderId || row.externalId ? (
                  <dl className="grid grid-cols-[auto_auto] gap-x-2 leading-5">
                    {row.payoutProviderId ? (<><dt className="text-slate-500">payout</dt><dd>{row.payoutProviderId}</dd></>) : null}
                    {row.transactionProviderId ? (<><dt className="text-slate-500">txn</dt><dd>{row.transactionProviderId}</dd></>) : null}
                    {row.externalId ? (<><dt className="text-slate-500">ext</dt><dd>{row.externalId}</dd></>) : null}
                  </dl>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
