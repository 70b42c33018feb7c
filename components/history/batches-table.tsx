import Link from "next/link";
import { BatchStatusBadge } from "@/components/batches/batch-status-badge";
import type { BatchHistoryRow } from "@/lib/history/query-batches";
import { Table, TBody, THead } from "@/components/ui/table";
import { Instant } from "@/components/ui/time-zone";
import { formatMoney } from "@/lib/format/money";

const HEAD = "px-3 py-2.5 text-left font-medium whitespace-nowrap";
const CELL = "px-3 py-2.5 align-top";

/** History, one row per batch. */
export function BatchesTable({ rows }: { rows: BatchHistoryRow[] }) {
  return (
    <Table label="Batches" minWidth="min-w-[1200px]" tableTestId="history-table">
        <THead>
          <tr>
            <th scope="col" className={`${HEAD} sticky left-0 z-10 bg-slate-50`}>Date</th>
            <th scope="col" className={HEAD}>Batch</th>
            <th scope="col" className={HEAD}>Method</th>
            <th scope="col" className={HEAD}>Currency</th>
            <th scope="col" className={`${HEAD} text-right`}>Total</th>
            <th scope="col" className={`${HEAD} text-right`}>Transactions</th>
            <th scope="col" className={`${HEAD} text-right`}>Failed</th>
            <th scope="col" className={HEAD}>Batch status</th>
            <th scope="col" className={HEAD}>Maker</th>
            <th scope="col" className={HEAD}>Approvers</th>
            <th scope="col" className={HEAD}>Provider ID</th>
          </tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50/60" data-testid="history-row">
              <td className={`${CELL} sticky left-0 z-10 whitespace-nowrap bg-white tabular-nums text-slate-700`}>
                <Instant at={row.createdAt} style="seconds" />
              </td>
              <td className={`${CELL} max-w-64`}>
                <Link href={`/batches/${row.id}`} className="block truncate font-medium text-brand-700 hover:underline" title={row.description}>
                  {row.description}
                </Link>
                <span className="font-mono text-xs text-slate-500">{row.id.slice(0, 8)}</span>
                {row.rejectionReason ? <p className="mt-0.5 text-xs text-red-700">Rejected: {row.rejectionReason}</p> : null}
              </td>
              <td className={`${CELL} font-mono text-xs text-slate-600`}>{row.methodName}</td>
              <td className={`${CELL} text-slate-600`}>{row.currency}</td>
              <td className={`${CELL} whitespace-nowrap text-right font-medium tabular-nums text-slate-900`}>{formatMoney(row.totalAmount, row.currency, { code: false })}</td>
              <td className={`${CELL} text-right tabular-nums text-slate-600`}>{row.transactionCount.toLocaleString("en-US")}</td>
              <td className={`${CELL} text-right tabular-nums ${row.failedCount > 0 ? "font-medium text-red-700" : "text-slate-500"}`}>{row.failedCount.toLocaleString("en-US")}</td>
              <td className={`${CELL} whitespace-nowrap`}>
                <BatchStatusBadge status={row.status} />
              </td>
              <td className={`${CELL} whitespace-nowrap text-xs leading-5 text-slate-600`}>{row.maker}</td>
              <td className={`${CELL} whitespace-nowrap text-xs leading-5 text-slate-600`}>
                {row.approvers ? row.approvers.split(", ").map((email) => <div key={email}>{email}</div>) : <span className="text-slate-500">—</span>}
              </td>
              <td className={`${CELL} whitespace-nowrap font-mono text-xs text-slate-500`}>{row.providerId ?? <span className="text-slate-500">—</span>}</td>
            </tr>
          ))}
        </TBody>
      </Table>
  );
}
