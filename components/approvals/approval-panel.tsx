import type { ReactNode } from "react";
import { Instant } from "@/components/ui/time-zone";
import type { ApprovalPanel as PanelData } from "@/lib/approvals/get-approval-panel";
import { formatInstant } from "@/lib/format/instant";
import { formatCount, formatMoney as formatAmount } from "@/lib/format/money";
import { sumAmounts } from "@/lib/money";
import { ApprovalDecision } from "./approval-decision";
import type { ApproveSummary } from "./approve-confirm-dialog";
import { summariseFlags } from "@/lib/risk/flags";
import { RiskFlagList, RiskFlagSummary } from "./risk-flags";
import { CancelScheduledPayoutButton, RetrySubmissionButton } from "./submission-actions";

// Times in the viewer's zone, named, exact on hover (one formatter for the whole console).
const when = (date: Date) => <Instant at={date} />;

type Tone = "info" | "warning" | "danger" | "success" | "neutral";
const TONES: Record<Tone, string> = {
  info: "border-sky-200 bg-sky-50 text-sky-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  neutral: "border-slate-200 bg-slate-50 text-slate-700",
};

function Callout({ tone, title, children, testId }: { tone: Tone; title: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <div className={`rounded-lg border px-4 py-3 text-sm ${TONES[tone]}`} data-testid={testId}>
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-1 space-y-2 opacity-90">{children}</div> : null}
    </div>
  );
}

function Figure({ label, value, hint, warn }: { label: string; value: string; hint?: ReactNode; warn?: boolean }) {
  return (
    <div className={`rounded-lg border px-4 py-3 ${warn ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-slate-50"}`}>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

function fieldErrorsOf(details: PanelData["batch"]["attentionDetails"]): { field: string | null; message: string }[] {
  const list = (details as { fieldErrors?: unknown } | null)?.fieldErrors;
  return Array.isArray(list) ? (list as { field: string | null; message: string }[]) : [];
}

function StateCallout({ panel }: { panel: PanelData }) {
  const { batch, viewer } = panel;
  switch (batch.status) {
    case "pending_approval":
      if (viewer.isMaker) {
        return (
          <Callout tone="info" title="Waiting for approval by someone else">
            You made this batch, so you cannot approve it.
            {batch.approvalExpiresAt ? <> It expires if not approved by {when(batch.approvalExpiresAt)}.</> : null}
          </Callout>
        );
      }
      if (viewer.alreadyApproved) {
        return <Callout tone="info" title="You approved this batch">It needs another approval from someone else before it is sent.</Callout>;
      }
      return batch.approvalExpiresAt ? <p className="text-sm text-slate-500">Approve by {when(batch.approvalExpiresAt)}, or it expires.</p> : null;
    case "approval_expired":
      return (
        <Callout tone="neutral" title="Approval expired" testId="approval-expired">
          Nobody approved this batch in time{batch.approvalExpiresAt ? <> (the deadline was {when(batch.approvalExpiresAt)})</> : ""}, so it will not be sent.
        </Callout>
      );
    case "rejected":
      return (
        <Callout tone="danger" title={<>Rejected{panel.rejectedBy ? ` by ${panel.rejectedBy}` : ""}{batch.rejectedAt ? <> on {when(batch.rejectedAt)}</> : ""}</>} testId="rejection">
          <p>
            <span className="font-medium">Reason:</span> {batch.rejectionReason}
          </p>
        </Callout>
      );
    case "approved":
    case "submitting":
      return <Callout tone="info" title="Approved: sending to Hello Clever">This page updates when Hello Clever answers.</Callout>;
    case "needs_attention": {
      const fieldErrors = fieldErrorsOf(batch.attentionDetails);
      return (
        <Callout tone={batch.attentionCode === "outcome_unknown" ? "warning" : "danger"} title="Needs attention" testId="attention">
          <p>{batch.attentionMessage}</p>
          {fieldErrors.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-5">
              {fieldErrors.map((error, index) => (
                <li key={index}>
                  {error.field ? <code className="rounded bg-white/70 px-1 text-xs">{error.field}</code> : null} {error.message}
                </li>
              ))}
            </ul>
          ) : null}
          {viewer.canRetry ? (
            <div className="pt-1">
              <RetrySubmissionButton batchId={batch.id} />
            </div>
          ) : null}
        </Callout>
      );
    }
    default:
      if (!batch.providerUuid) return null;
      return (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">
            Sent to Hello Clever as <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{batch.providerUuid}</code>
            {batch.scheduledAt ? <>, scheduled for {when(batch.scheduledAt)}</> : ""}.
          </p>
          {viewer.canCancel && batch.scheduledAt ? <CancelScheduledPayoutButton batchId={batch.id} scheduledFor={formatInstant(batch.scheduledAt)} /> : null}
        </div>
      );
  }
}

/** The figures the approver confirms before approving. */
function approveSummary(panel: PanelData): ApproveSummary {
  const { batch, balance } = panel;
  const known = balance?.kind === "known" ? balance : null;
  const flags = summariseFlags(panel.flags.counts).map((item) => `${item.label}${item.count > 1 ? ` × ${item.count.toLocaleString("en-US")}` : ""}`);
  if (known?.totalAboveBalance) flags.push("Balance short: the total is above Hello Clever's available balance");
  return {
    total: formatAmount(batch.totalAmount, batch.currency),
    count: formatCount(batch.transactionCount),
    balanceAfter: known ? formatAmount(sumAmounts([known.available, `-${batch.totalAmount}`]), batch.currency) : null,
    balanceShort: Boolean(known?.totalAboveBalance),
    flags,
  };
}

/** The batch page's approval panel (loaded by the page): approvals so far, the decision for those allowed, and what happened since. */
export function ApprovalPanel({ panel }: { panel: PanelData | null }) {
  if (!panel) return null;
  const { batch, balance, viewer } = panel;
  const total = formatAmount(batch.totalAmount, batch.currency);
  const countText = `${panel.approvals.length} of ${batch.approvalsNeeded} approval${batch.approvalsNeeded === 1 ? "" : "s"}`;

  return (
    <section aria-labelledby="approval-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="approval-panel">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-5 py-4">
        <h2 id="approval-heading" className="text-base font-semibold text-slate-900">
          Approval
        </h2>
        <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700" data-testid="approval-count">
          {countText}
        </span>
      </header>
      <div className="space-y-4 p-5">
        {balance ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <Figure label="Batch total" value={total} hint={batch.approvalsNeeded > 1 ? "Above the threshold: two approvals needed" : undefined} />
            {balance.kind === "known" ? (
              <Figure
                label={`Hello Clever available (${batch.currency})`}
                value={formatAmount(balance.available, batch.currency)}
                warn={balance.totalAboveBalance}
                hint={balance.totalAboveBalance ? "Less than the total" : "Covers the total"}
              />
            ) : (
              <Figure label={`Hello Clever available (${batch.currency})`} value="Unavailable" hint={`Could not read the balance: ${balance.message}`} />
            )}
          </div>
        ) : null}
        {balance?.kind === "known" && balance.totalAboveBalance ? (
          <Callout tone="warning" title="The total is above the available balance" testId="balance-warning">
            Hello Clever will refuse this payout for insufficient funds unless the balance is topped up before it is sent.
          </Callout>
        ) : null}

        {panel.flags.total > 0 || batch.status === "pending_approval" ? (
          <div className="space-y-2">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Risk flags</p>
            <RiskFlagSummary counts={panel.flags.counts} />
            <RiskFlagList flags={panel.flags} />
          </div>
        ) : null}

        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Approved by</p>
          {panel.approvals.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">Nobody yet.</p>
          ) : (
            <ul className="mt-1 space-y-1" data-testid="approvers">
              {panel.approvals.map((approval) => (
                <li key={approval.approverEmail} className="flex flex-wrap items-baseline gap-x-2 text-sm">
                  <span className="font-medium text-slate-900">{approval.approverName}</span>
                  <span className="text-slate-500">{when(approval.at)}</span>
                  {approval.payloadHash ? (
                    <code className="text-xs text-slate-500" title="The payload hash this approval approved">
                      approved {approval.payloadHash.slice(0, 12)}…
                    </code>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-xs text-slate-500">Made by {batch.maker.name}, who cannot approve it.</p>
          {panel.payloadHash ? (
            <p className="mt-1 break-all text-xs text-slate-500" data-testid="payload-hash">
              Payload hash (what Hello Clever will receive): <code>{panel.payloadHash}</code>
            </p>
          ) : null}
        </div>

        <StateCallout panel={panel} />
        {viewer.grantedByMaker && batch.status === "pending_approval" ? (
          <p className="text-sm text-amber-800" data-testid="granted-by-maker">
            {batch.maker.name} gave you your role less than 24 hours ago, so someone else must approve this batch (separation of duties).
          </p>
        ) : null}
        {/* Always rendered (buttons only while the viewer may decide), so a decision's message outlives the refresh it causes. */}
        <ApprovalDecision
          batchId={batch.id}
          version={batch.version}
          payloadHash={panel.payloadHash}
          finalApproval={panel.approvals.length + 1 >= batch.approvalsNeeded}
          canDecide={viewer.canDecide}
          summary={viewer.canDecide ? approveSummary(panel) : undefined}
        />
      </div>
    </section>
  );
}
