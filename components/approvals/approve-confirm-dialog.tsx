"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** What the approver confirms: the figures as display text, and any risk flags the page computed. */
export type ApproveSummary = {
  total: string;
  count: string;
  /** "PHP 12,000.00", or null when the balance could not be read. */
  balanceAfter: string | null;
  balanceShort: boolean;
  flags: string[];
};

/**
 * "Approve this batch?": the total, the count, the balance after payout and the risk flags.
 * While the balance is short, "Approve" stays disabled until "Approve anyway" is ticked.
 */
export function ApproveConfirmDialog({ open, summary, pending, onClose, onConfirm }: { open: boolean; summary: ApproveSummary; pending: boolean; onClose: () => void; onConfirm: () => void }) {
  const [anyway, setAnyway] = useState(false);
  const anywayId = useId();
  const blocked = summary.balanceShort && !anyway;
  return (
    <Dialog open={open} onClose={onClose} title="Approve this batch?" description="Check the figures: once approved by everyone it needs, it is sent to Hello Clever.">
      <dl className="grid grid-cols-2 gap-3 text-sm" data-testid="approve-summary">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Total</dt>
          <dd className="mt-0.5 font-semibold tabular-nums text-slate-900">{summary.total}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Transactions</dt>
          <dd className="mt-0.5 font-semibold tabular-nums text-slate-900">{summary.count}</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Balance after payout</dt>
          <dd className={`mt-0.5 font-semibold tabular-nums ${summary.balanceShort ? "text-red-700" : "text-slate-900"}`}>
            {summary.balanceAfter ?? "Unknown: the balance could not be read"}
            {summary.balanceShort ? " (short: Hello Clever will refuse it unless topped up)" : ""}
          </dd>
        </div>
      </dl>
      {summary.flags.length ? (
        <div className="mt-4">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Risk flags</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-amber-900" data-testid="approve-flags">
            {summary.flags.map((flag) => (
              <li key={flag}>{flag}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {summary.balanceShort ? (
        <div className="mt-4 flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <input id={anywayId} type="checkbox" className="mt-0.5 size-4" checked={anyway} onChange={(event) => setAnyway(event.target.checked)} />
          <label htmlFor={anywayId}>Approve anyway (the balance may be topped up before it is sent)</label>
        </div>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Keep it
        </Button>
        <Button onClick={onConfirm} disabled={blocked || pending} data-testid="confirm-approve">
          Approve
        </Button>
      </div>
    </Dialog>
  );
}
