import type { BatchStatus } from "@/lib/batches/statuses";

// Partial: a status added later shows in neutral slate until it gets a tone.
const TONES: Partial<Record<BatchStatus, string>> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  pending_approval: "bg-amber-50 text-amber-800 ring-amber-200",
  approved: "bg-sky-50 text-sky-800 ring-sky-200",
  submitting: "bg-sky-50 text-sky-800 ring-sky-200",
  submitted: "bg-brand-50 text-brand-700 ring-brand-100",
  processing: "bg-brand-50 text-brand-700 ring-brand-100",
  scheduled: "bg-brand-50 text-brand-700 ring-brand-100",
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  expired: "bg-slate-100 text-slate-600 ring-slate-200",
  rejected: "bg-red-50 text-red-700 ring-red-200",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-200",
  needs_attention: "bg-red-50 text-red-700 ring-red-200",
};

/** "pending_approval" → "Pending approval". */
export function batchStatusLabel(status: BatchStatus): string {
  const words = status.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? "bg-slate-100 text-slate-700 ring-slate-200"}`} data-testid="batch-status">
      {batchStatusLabel(status)}
    </span>
  );
}
