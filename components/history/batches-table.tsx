import Link from "next/link";
import { BatchStatusBadge } from "@/components/batches/batch-status-badge";
import type { BatchHistoryRow } from "@/lib/history/query-batches";
import { formatDecimal, formatUtc } from "./format";

const HEAD = "px-3 py-2.5 text-left font-medium whitespace-nowrap";
const CELL = "px-3 py-2.5 align-top";

/** History, one row per batch. */
export function BatchesTable({ rows }: { rows: BatchHistoryRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[1200px] text-sm" data-testid="history-table">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={HEAD}>Date (UTC)</th>
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
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50/60" data-testid="history-row">
              <td className={`${CELL} whitespace-nowrap tabular-nums text-slate-600`} title={row.createdAt}>
                {formatUtc(row.createdAt)}
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
              <td className={`${CELL} whitespace-nowrap text-right font-medium tabular-nums text-slate-900`}>{formatDecimal(row.totalAmount, row.currency)}</td>
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
        </tbody>
      </table>
    </div>
  );
}
