import { TRANSACTION_STATUS_LABELS, type TransactionStatus } from "@/lib/history/schemas";

const TONES: Record<TransactionStatus, string> = {
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
  settled: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

/** A transaction's outcome at Hello Clever; "Not sent" until its batch is submitted. */
export function TransactionStatusBadge({ status }: { status: string | null }) {
  if (!status) return <span className="text-xs text-slate-500">Not sent</span>;
  const known = status in TONES ? (status as TransactionStatus) : null;
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${known ? TONES[known] : "bg-slate-100 text-slate-700 ring-slate-200"}`}>
      {known ? TRANSACTION_STATUS_LABELS[known] : status}
    </span>
  );
}
