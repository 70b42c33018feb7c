import Link from "next/link";
import type { ReactNode } from "react";
import { Instant } from "@/components/ui/time-zone";
import { COPIED_FROM_TEXT, COPIED_TO_TEXT, type CopyKind } from "@/lib/batches/copy-kinds";
import type { BatchView } from "@/lib/batches/get-batch";
import { outcomeSummary, statusLabel } from "@/lib/batches/outcome";
import { formatCount, formatMoney } from "@/lib/format/money";
import { BatchStatusBadge } from "./batch-status-badge";

type Tally = { all: number; byStatus: Record<string, number>; paidAmount: string };

/** The read-only summary of a batch: status and what became of the money, method, people and dates. */
export function BatchHeader({ batch, tally, approvalsNeeded }: { batch: BatchView; tally: Tally; approvalsNeeded: number }) {
  const summary = outcomeSummary({
    status: batch.status,
    currency: batch.currency,
    transactionCount: tally.all,
    failedCount: batch.failedCount,
    paidCount: tally.byStatus.settled ?? 0,
    paidAmount: tally.paidAmount,
  });
  const items: Array<{ term: string; value: ReactNode }> = [
    { term: "Method", value: <>{batch.methodLabel} <span className="text-slate-600">· {batch.methodName}</span></> },
    { term: "Currency", value: batch.currency },
    { term: "Total", value: <span className="font-semibold tabular-nums">{formatMoney(batch.totalAmount, batch.currency)}</span> },
    {
      term: "Transactions",
      value: (
        <>
          {formatCount(batch.transactionCount)}
          {batch.invalidCount > 0 ? <span className="text-red-700"> · {formatCount(batch.invalidCount)} invalid</span> : null}
          {batch.failedCount > 0 ? <span className="text-red-700"> · {formatCount(batch.failedCount)} failed</span> : null}
        </>
      ),
    },
    { term: "Maker", value: <>{batch.maker.name} <span className="text-slate-600">· {batch.maker.email}</span></> },
    {
      term: "Approvals",
      value: batch.status === "draft" ? <span data-testid="approvals-needed">needs {approvalsNeeded} approval{approvalsNeeded === 1 ? "" : "s"}</span> : `${approvalsNeeded} needed`,
    },
    { term: "Scheduled at", value: batch.scheduledAt ? <Instant at={batch.scheduledAt} /> : "Once approved" },
    { term: "Created", value: <Instant at={batch.createdAt} /> },
    { term: "Sent for approval", value: batch.submittedForApprovalAt ? <Instant at={batch.submittedForApprovalAt} /> : "—" },
  ];
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label="Batch details">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Description</p>
          <p className="mt-1 break-words text-lg font-semibold text-slate-900">{batch.description}</p>
          <p className="mt-0.5 font-mono text-xs text-slate-600">Batch {batch.id.slice(0, 8)}</p>
        </div>
        <BatchStatusBadge status={batch.status} failedCount={batch.failedCount} />
      </div>
      {summary ? (
        <p className="mt-3 text-base font-medium text-slate-900" data-testid="batch-outcome">
          {summary}
        </p>
      ) : null}
      <dl className="mt-5 grid gap-x-6 gap-y-4 border-t border-slate-100 pt-5 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <div key={item.term} className="min-w-0">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{item.term}</dt>
            <dd className="mt-1 break-words text-sm text-slate-900">{item.value}</dd>
          </div>
        ))}
      </dl>
      {batch.rejectionReason ? (
        <p className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3.5 py-2 text-sm text-red-800">Rejected: {batch.rejectionReason}</p>
      ) : null}
    </section>
  );
}

type Copy = { id: string; copyKind: string | null; status: string; description: string };

/** Both sides of a copy link: "Made from the failed rows of batch 5eb528f1" here, the copies made from it there. */
export function CopyLinks({
  batch,
  copies,
  previousFailures = [],
}: {
  batch: Pick<BatchView, "copiedFromId" | "copyKind">;
  copies: Copy[];
  previousFailures?: { position: number; firstName: string; lastName: string; reason: string | null }[];
}) {
  if (!batch.copiedFromId && copies.length === 0) return null;
  return (
    <section aria-label="Related batches" className="mb-6 rounded-xl border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm" data-testid="copy-links">
      {batch.copiedFromId ? (
        <p className="text-slate-800" data-testid="copied-from">
          {COPIED_FROM_TEXT[(batch.copyKind ?? "duplicate") as CopyKind] ?? "Copied from batch"}{" "}
          <Link href={`/batches/${batch.copiedFromId}`} className="font-mono text-brand-700 underline">
            {batch.copiedFromId.slice(0, 8)}
          </Link>
        </p>
      ) : null}
      {previousFailures.length ? (
        <details className="mt-2" open={previousFailures.length <= 10}>
          <summary className="cursor-pointer font-medium text-slate-800">Why these rows failed before ({formatCount(previousFailures.length)})</summary>
          <ul className="mt-2 space-y-1" data-testid="previous-failures">
            {previousFailures.map((row) => (
              <li key={row.position} className="text-slate-700">
                Row {formatCount(row.position + 1)}, {row.firstName} {row.lastName}: <span className="text-red-800">{row.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {copies.length ? (
        <div className={batch.copiedFromId ? "mt-3" : ""}>
          <p className="font-medium text-slate-800">Made from this batch</p>
          <ul className="mt-1 space-y-1" data-testid="copies">
            {copies.map((copy) => (
              <li key={copy.id}>
                {COPIED_TO_TEXT[(copy.copyKind ?? "duplicate") as CopyKind] ?? "Copy"}:{" "}
                <Link href={`/batches/${copy.id}`} className="font-mono text-brand-700 underline">
                  {copy.id.slice(0, 8)}
                </Link>{" "}
                <span className="text-slate-600">
                  ({statusLabel(copy.status).toLowerCase()}) {copy.description}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
