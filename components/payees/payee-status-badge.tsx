const STATUS: Record<string, { label: string; className: string }> = {
  active: { label: "Approved", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  pending_approval: { label: "Waiting for approval", className: "bg-amber-50 text-amber-900 ring-amber-200" },
  rejected: { label: "Rejected", className: "bg-red-50 text-red-800 ring-red-200" },
};

export function PayeeStatusBadge({ status, pendingChange }: { status: string; pendingChange?: boolean }) {
  const shown = STATUS[status] ?? { label: status, className: "bg-slate-100 text-slate-700 ring-slate-200" };
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${shown.className}`}>{shown.label}</span>
      {pendingChange ? <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200">Change waiting</span> : null}
    </span>
  );
}
