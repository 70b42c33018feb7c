import Link from "next/link";
import { formatUtc } from "@/components/history/format";
import type { AuditRow } from "@/lib/audit/query-audit";

const HEAD = "px-3 py-2.5 text-left font-medium whitespace-nowrap";
const CELL = "px-3 py-2.5 align-top";

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "status: submitted → completed" for each key that the entry's before or after holds. */
function changes(before: unknown, after: unknown): { key: string; from?: string; to?: string }[] {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : {};
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((key) => ({ key, from: key in b ? text(b[key]) : undefined, to: key in a ? text(a[key]) : undefined }));
}

/** The audit trail: who did what to which batch, with the before → after of each change. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[1100px] text-sm" data-testid="audit-table">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={HEAD}>Time (UTC)</th>
            <th scope="col" className={HEAD}>Actor</th>
            <th scope="col" className={HEAD}>Action</th>
            <th scope="col" className={HEAD}>Batch</th>
            <th scope="col" className={HEAD}>Before → after</th>
            <th scope="col" className={HEAD}>Details</th>
            <th scope="col" className={HEAD}>Request ID</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50/60" data-testid="audit-row">
              <td className={`${CELL} whitespace-nowrap tabular-nums text-slate-600`} title={row.at}>
                {formatUtc(row.at)}
              </td>
              <td className={`${CELL} whitespace-nowrap`}>
                <span className={row.actorId ? "text-slate-900" : "font-mono text-xs text-slate-500"}>{row.actorLabel}</span>
              </td>
              <td className={CELL}>
                <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{row.action}</code>
              </td>
              <td className={`${CELL} font-mono text-xs`}>
                {row.batchId ? (
                  <Link href={`/batches/${row.batchId}`} className="text-brand-700 hover:underline" title={row.batchId}>
                    {row.batchId.slice(0, 8)}
                  </Link>
                ) : row.entityType && row.entityType !== "batch" ? (
                  <span className="text-slate-500" title={row.entityId ?? undefined}>
                    {row.entityType}
                  </span>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
              <td className={`${CELL} text-xs`}>
                {changes(row.before, row.after).map(({ key, from, to }) => (
                  <div key={key} className="whitespace-nowrap">
                    <span className="text-slate-500">{key}:</span> {from !== undefined ? <span className="text-slate-500 line-through decoration-slate-300">{from}</span> : null}
                    {from !== undefined && to !== undefined ? " → " : null}
                    {to !== undefined ? <span className="font-medium text-slate-900">{to}</span> : null}
                  </div>
                ))}
              </td>
              <td className={`${CELL} max-w-80 text-xs`}>
                {row.details && typeof row.details === "object" ? (
                  Object.entries(row.details as Record<string, unknown>).map(([key, value]) => (
                    <div key={key} className="break-words">
                      <span className="text-slate-500">{key}:</span> <span className="break-all font-mono text-slate-700">{text(value)}</span>
                    </div>
                  ))
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
              <td className={`${CELL} whitespace-nowrap font-mono text-xs text-slate-500`}>{row.requestId ? row.requestId.slice(0, 8) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
