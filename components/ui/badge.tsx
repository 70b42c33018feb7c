import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "pending" | "progress" | "success" | "warning" | "danger";

// Each pair meets 4.5:1 in both schemes.
const TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  pending: "bg-amber-50 text-amber-900 ring-amber-300",
  progress: "bg-sky-50 text-sky-900 ring-sky-300",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  warning: "bg-amber-100 text-amber-900 ring-amber-400",
  danger: "bg-red-50 text-red-800 ring-red-300",
};

/** A rounded status label. */
export function Badge({ tone, children, testId, title }: { tone: BadgeTone; children: ReactNode; testId?: string; title?: string }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`} data-testid={testId} data-tone={tone} title={title}>
      {children}
    </span>
  );
}
