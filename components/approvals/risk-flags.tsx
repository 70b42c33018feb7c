import { summariseFlags, type BatchFlags, type FlagCount, type RiskSeverity } from "@/lib/risk/flags";

const SEVERITY: Record<RiskSeverity, string> = {
  high: "bg-red-100 text-red-800 ring-red-200",
  medium: "bg-amber-100 text-amber-900 ring-amber-200",
  low: "bg-slate-100 text-slate-700 ring-slate-200",
};

/** Summary chips (count per flag, high first) for the approval panel and /approvals. */
export function RiskFlagSummary({ counts }: { counts: readonly FlagCount[] }) {
  const summary = summariseFlags(counts);
  if (summary.length === 0) return <span className="text-xs text-slate-500">No risk flags</span>;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Risk flags" data-testid="risk-summary">
      {summary.map((item) => (
        <li key={item.code} className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${SEVERITY[item.severity]}`}>
          {item.label}
          {item.count > 1 ? ` × ${item.count}` : ""}
          <span className="sr-only"> ({item.severity})</span>
        </li>
      ))}
    </ul>
  );
}

/** The flags with why each fired, in row order, on the batch's approval panel (the first ones of a large batch). */
export function RiskFlagList({ flags }: { flags: BatchFlags }) {
  const { listed, total } = flags;
  if (listed.length === 0) return null;
  return (
    <details className="rounded-lg border border-slate-200" open={total <= 20} data-testid="risk-flags">
      <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-800">
        Why each row is flagged ({total.toLocaleString("en-US")}
        {listed.length < total ? `; the first ${listed.length.toLocaleString("en-US")} in row order` : ""})
      </summary>
      <ul className="max-h-80 space-y-1 overflow-y-auto px-4 pb-3 text-sm">
        {listed.map((flag, index) => (
          <li key={index} className="flex gap-2" data-testid="risk-flag" data-code={flag.code}>
            <span className={`mt-0.5 h-fit shrink-0 rounded px-1.5 text-xs font-medium ring-1 ${SEVERITY[flag.severity]}`}>{flag.severity}</span>
            <span className="text-slate-700">{flag.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
