import type { BatchView } from "@/lib/batches/get-batch";
import { formatAmount } from "@/lib/money";
import { BatchStatusBadge } from "./batch-status-badge";
import { formatInstant } from "./format-instant";

const count = (n: number) => n.toLocaleString("en-US");

/** The read-only summary of a batch: status, method, money, people and dates. */
export function BatchHeader({ batch }: { batch: BatchView }) {
  const items: Array<{ term: string; value: React.ReactNode }> = [
    { term: "Method", value: <>{batch.methodLabel} <span className="text-slate-500">· {batch.methodName}</span></> },
    { term: "Currency", value: batch.currency },
    { term: "Total", value: <span className="font-semibold tabular-nums">{formatAmount(batch.totalAmount, batch.currency)}</span> },
    {
      term: "Transactions",
      value: (
        <>
          {count(batch.transactionCount)}
          {batch.invalidCount > 0 ? <span className="text-red-700"> · {count(batch.invalidCount)} invalid</span> : null}
          {batch.failedCount > 0 ? <span className="text-red-700"> · {count(batch.failedCount)} failed</span> : null}
        </>
      ),
    },
    { term: "Maker", value: <>{batch.maker.name} <span className="text-slate-500">· {batch.maker.email}</span></> },
    { term: "Scheduled at", value: batch.scheduledAt ? formatInstant(batch.scheduledAt) : "Once approved" },
    { term: "Created", value: formatInstant(batch.createdAt) },
    { term: "Sent for approval", value: formatInstant(batch.submittedForApprovalAt) },
  ];
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label="Batch details">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Description</p>
          <p className="mt-1 text-lg font-semibold text-slate-900">{batch.description}</p>
        </div>
        <BatchStatusBadge status={batch.status} />
      </div>
      <dl className="mt-5 grid gap-x-6 gap-y-4 border-t border-slate-100 pt-5 sm:grid-cols-2 lg:grid-cols-4">
        {items.map((item) => (
          <div key={item.term} className="min-w-0">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{item.term}</dt>
            <dd className="mt-1 truncate text-sm text-slate-900">{item.value}</dd>
          </div>
        ))}
      </dl>
      {batch.rejectionReason ? (
        <p className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2 text-sm text-red-700">Rejected: {batch.rejectionReason}</p>
      ) : null}
    </section>
  );
}
