import Link from "next/link";
import type { ApprovalQueueItem } from "@/lib/approvals/list-approval-queue";
import { formatAmount } from "@/lib/money";
import { RISK_FLAG_CODES, RISK_FLAG_LABELS, type RiskFlagCode } from "@/lib/risk/flags";

function age(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

function QueueFlags({ flags }: { flags: ApprovalQueueItem["flags"] }) {
  if (!flags || flags.total === 0) return <span className="text-xs text-slate-500">None</span>;
  const codes = [...flags.codes].sort((a, b) => RISK_FLAG_CODES.indexOf(a as RiskFlagCode) - RISK_FLAG_CODES.indexOf(b as RiskFlagCode));
  return (
    <div className="flex max-w-xs flex-wrap gap-1">
      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${flags.high > 0 ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900"}`}>
        {flags.total} flag{flags.total === 1 ? "" : "s"}
        {flags.high > 0 ? `, ${flags.high} high` : ""}
      </span>
      {codes.map((code) => (
        <span key={code} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
          {RISK_FLAG_LABELS[code as RiskFlagCode] ?? code}
        </span>
      ))}
    </div>
  );
}

/** The approver's queue, oldest first: each row opens the batch page, where the decision is made. */
export function ApprovalQueueTable({ items, now }: { items: ApprovalQueueItem[]; now: Date }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Method</th>
            <th scope="col" className="px-4 py-3">Currency</th>
            <th scope="col" className="px-4 py-3 text-right">Total</th>
            <th scope="col" className="px-4 py-3 text-right">Transactions</th>
            <th scope="col" className="px-4 py-3">Maker</th>
            <th scope="col" className="px-4 py-3">Waiting</th>
            <th scope="col" className="px-4 py-3">Approvals</th>
            <th scope="col" className="px-4 py-3">Risk flags</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Open</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id} className="hover:bg-slate-50" data-testid="approval-queue-row">
              <td className="px-4 py-3 font-medium text-slate-900">{item.methodLabel}</td>
              <td className="px-4 py-3 text-slate-600">{item.currency}</td>
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-slate-900">{formatAmount(item.totalAmount, item.currency)}</td>
              <td className="px-4 py-3 text-right tabular-nums text-slate-600">{item.transactionCount.toLocaleString("en-US")}</td>
              <td className="px-4 py-3 text-slate-600" title={item.makerEmail}>{item.makerName}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">{age(item.waitingSince, now)}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${item.approvalsNeeded > 1 ? "bg-amber-50 text-amber-800" : "bg-slate-100 text-slate-700"}`}>
                  {item.approvals} of {item.approvalsNeeded}
                </span>
              </td>
              <td className="px-4 py-3" data-testid="queue-flags">
                <QueueFlags flags={item.flags} />
              </td>
              <td className="px-4 py-3 text-right">
                <Link href={`/batches/${item.id}`} className="font-medium text-brand-700 hover:text-brand-800">
                  Review<span className="sr-only"> batch by {item.makerName}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
