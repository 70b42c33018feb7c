import type { BatchProgress, BatchTimeline as TimelineData } from "@/lib/provider-sync/get-batch-timeline";
import type { DeliveryKind, TimelineEntry } from "@/lib/provider-sync/build-batch-timeline";
import { Instant } from "@/components/ui/time-zone";
import { formatCount } from "@/lib/format/money";
import { statusLabel } from "@/lib/batches/outcome";
import { describeProviderStatus } from "@/lib/provider-sync/provider-status";
import { providerErrorNextStep } from "@/lib/submission/attention-codes";
import { LiveBatchRefresh } from "./live-batch-refresh";

/** How the console learnt a provider status, in people's words. */
const SOURCE_TEXT: Record<string, string> = {
  webhook: "webhook, checked against the payout",
  reconcile: "regular check with Hello Clever",
  submit: "Hello Clever's answer when it was sent",
  resolve: "lookup after an unclear answer",
};

const DELIVERY_TAG: Record<DeliveryKind, { text: string; tone: string }> = {
  new: { text: "authentic", tone: "bg-emerald-50 text-emerald-900 ring-emerald-300" },
  repeated: { text: "repeated", tone: "bg-slate-100 text-slate-700 ring-slate-300" },
  stale: { text: "stale — ignored", tone: "bg-amber-50 text-amber-900 ring-amber-300" },
  malformed: { text: "malformed — refused", tone: "bg-red-50 text-red-800 ring-red-300" },
  unrecognised: { text: "no readable status", tone: "bg-slate-100 text-slate-700 ring-slate-300" },
};

const isKnownStatus = (status: string) => ["pending", "settled", "failed"].includes(status);

// A delivery the receiver refused, in words (Issue 12: refusals appear on the timeline as such).
const REFUSAL_TEXT: Record<number, string> = { 401: "not authentic", 413: "body too large", 500: "the console could not store it" };

function word(status: string | null): string {
  return status ? status.charAt(0).toUpperCase() + status.slice(1) : "Unknown";
}

/** "completed — 48 paid, 2 failed" (or "processing — 50 pending"). */
function describeProgress(progress: BatchProgress): string {
  const parts = [
    progress.paid ? `${formatCount(progress.paid)} paid` : null,
    progress.failed ? `${formatCount(progress.failed)} failed` : null,
    progress.pending ? `${formatCount(progress.pending)} pending` : null,
  ].filter(Boolean);
  return `${statusLabel(progress.status).toLowerCase()} — ${parts.join(", ") || "no transactions"}`;
}

/** Why nothing is at Hello Clever, by the batch's own status (a rejected batch is never "sent once approved"). */
function notSentText(status: BatchProgress["status"]): string {
  switch (status) {
    case "draft":
    case "pending_approval":
      return "Not with Hello Clever yet: it is sent once approved.";
    case "approved":
    case "submitting":
      return "Approved: being sent to Hello Clever now.";
    case "rejected":
      return "Never sent to Hello Clever: the batch was rejected.";
    case "cancelled":
      return "Never sent to Hello Clever: the batch was cancelled.";
    case "approval_expired":
      return "Never sent to Hello Clever: nobody approved it in time.";
    case "needs_attention":
      return "Hello Clever holds nothing for this batch yet: see what needs attention above.";
    default:
      return "Hello Clever has not confirmed this payout yet.";
  }
}

function Dot({ tone }: { tone: string }) {
  return <span className={`absolute -left-[5px] top-1.5 size-2.5 rounded-full ring-4 ring-white ${tone}`} aria-hidden="true" />;
}

function When({ at }: { at: Date }) {
  return (
    <p className="text-xs text-slate-600">
      <Instant at={at} style="seconds" />
    </p>
  );
}

function ProviderEntry({ entry }: { entry: Extract<TimelineEntry, { type: "provider" }> }) {
  const applied = entry.outcome === "applied";
  const failed = typeof entry.detail?.failed === "number" && entry.detail.failed > 0 ? `, ${formatCount(entry.detail.failed)} failed` : "";
  const source = SOURCE_TEXT[entry.source] ?? entry.source;
  return (
    <li className="relative pl-5" data-testid="timeline-entry" data-kind={applied ? "provider" : `provider-${entry.outcome}`}>
      <Dot tone={applied ? "bg-brand-600" : entry.outcome === "refused" ? "bg-red-600" : "bg-amber-500"} />
      <p className="text-sm text-slate-900">
        {applied ? (
          <>
            <span className="font-medium">{word(entry.status)}</span> — Hello Clever confirmed: {entry.status ?? "unknown"} ({source}){failed}
            {entry.source === "cancel" && typeof entry.detail?.by === "string" ? <span data-testid="cancelled-by">; cancelled by {entry.detail.by}</span> : null}
          </>
        ) : entry.outcome === "updated" ? (
          <>
            <span className="font-medium">Still {word(entry.status)}</span> — details refreshed ({source}){failed}
          </>
        ) : entry.outcome === "refused" ? (
          <>
            <span className="font-medium">Webhook refused</span> — answered {String(entry.detail?.httpStatus ?? "")}
            {REFUSAL_TEXT[Number(entry.detail?.httpStatus)] ? ` (${REFUSAL_TEXT[Number(entry.detail?.httpStatus)]})` : ""}
            {Number(entry.detail?.httpStatus) >= 500 ? "; Hello Clever retries it and reconciliation reads the payout anyway" : ""}
          </>
        ) : entry.outcome === "stale" ? (
          <>
            <span className="font-medium">Older status {word(entry.status)}</span> reported ({source}) — ignored, {word(String(entry.detail?.stored ?? ""))} kept
          </>
        ) : (
          <>
            <span className="font-medium">{word(entry.status)}</span> — {source}: {entry.outcome}
          </>
        )}
      </p>
      <When at={entry.at} />
    </li>
  );
}

function DeliveryEntry({ entry }: { entry: Extract<TimelineEntry, { type: "delivery" }> }) {
  const tag = DELIVERY_TAG[entry.kind];
  return (
    <li className="relative pl-5" data-testid="timeline-entry" data-kind={`delivery-${entry.kind}`}>
      <Dot tone="bg-slate-400" />
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        Webhook{entry.claimedStatus ? `: ${entry.claimedStatus}` : ""}
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tag.tone}`}>{tag.text}</span>
        {!entry.processed && entry.kind !== "malformed" ? <span className="text-xs text-slate-600">checking with Hello Clever…</span> : null}
      </p>
      <When at={entry.at} />
    </li>
  );
}

/**
 * Where Hello Clever has got to with a batch, in plain words with exact times: what it confirmed
 * and how we know. The technical record (each webhook delivery: authentic, repeated, stale; reads
 * that changed nothing) sits behind "Details". Live: the page re-renders whenever the batch changes.
 */
export function BatchTimeline({ batchId, timeline }: { batchId: string; timeline: TimelineData | null }) {
  if (!timeline) return null;
  const { progress, entries } = timeline;
  const nextStep = providerErrorNextStep(progress.providerErrorCode, progress.currency);
  // Confirmed statuses and refused deliveries are for everyone; the rest is the technical record.
  const plain = entries.filter((entry) => entry.type === "provider" && (entry.outcome === "applied" || entry.outcome === "refused"));
  const technical = entries.filter((entry) => !plain.includes(entry));
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="batch-timeline-heading" data-testid="batch-timeline">
      <LiveBatchRefresh batchId={batchId} />
      <div className="border-b border-slate-100 px-5 py-4">
        <h2 id="batch-timeline-heading" className="text-sm font-semibold text-slate-900">
          Hello Clever progress
        </h2>
        {progress.providerUuid ? (
          <>
            <p className="mt-1 text-lg font-medium text-slate-900" data-testid="batch-progress-summary">
              {describeProgress(progress)}
            </p>
            <p className="mt-1 text-sm text-slate-700" data-testid="provider-status">
              Hello Clever status: <span className="font-medium">{describeProviderStatus(progress.providerStatus)}</span>
            </p>
            <p className="mt-1 text-xs text-slate-600">
              Payout <span className="font-mono">{progress.providerUuid}</span>
              {progress.lastReconciledAt ? (
                <>
                  {" "}· last checked with Hello Clever <Instant at={progress.lastReconciledAt} style="seconds" />
                </>
              ) : null}
            </p>
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-600" data-testid="not-sent">
            {notSentText(progress.status)}
          </p>
        )}
        {progress.providerErrorCode ? (
          <div role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="provider-error">
            <p>
              <span className="font-mono font-medium">{progress.providerErrorCode}</span>: {progress.providerErrorMessage ?? "no message from Hello Clever"}
            </p>
            {nextStep ? <p className="mt-1 font-medium">Next step: {nextStep}</p> : null}
          </div>
        ) : null}
        {progress.providerRefusal ? (
          <div className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="provider-refusal">
            <p className="font-medium">Hello Clever&apos;s words{progress.providerRefusal.message ? `: ${progress.providerRefusal.message}` : ""}</p>
            {progress.providerRefusal.fieldErrors.length ? (
              <ul className="mt-1 list-disc pl-5">
                {progress.providerRefusal.fieldErrors.map((error, index) => (
                  <li key={index}>
                    {error.field ? <span className="font-mono">{error.field}</span> : "(no field)"}: {error.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {progress.providerUnmatched?.length ? (
          <div className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="provider-unmatched">
            <p className="font-medium">
              Hello Clever reported {progress.providerUnmatched.length.toLocaleString("en-US")} transaction{progress.providerUnmatched.length === 1 ? "" : "s"} that match no row of this batch:
            </p>
            <ul className="mt-1 list-disc pl-5">
              {progress.providerUnmatched.slice(0, 50).map((item) => (
                <li key={item.uuid}>
                  <span className="font-mono">{item.uuid}</span> — {item.payee ?? "no payee"}, {item.amount} {progress.currency}, {isKnownStatus(item.status) ? item.status : `Unknown status: ${item.status}`}
                  {item.errorMessage ? ` (${item.errorMessage})` : ""}
                  {item.externalId ? ` · external id ${item.externalId}` : ""}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {progress.failureReasons.length ? (
          <ul className="mt-3 flex flex-wrap gap-2" aria-label="Failure reasons">
            {progress.failureReasons.map((item) => (
              <li key={item.reason} className="rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-300">
                {item.reason} × {item.count}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="px-5 py-4">
        {plain.length ? (
          <ol className="space-y-4 border-l border-slate-200 pl-0">
            {plain.map((entry) => (entry.type === "provider" ? <ProviderEntry key={entry.id} entry={entry} /> : null))}
          </ol>
        ) : (
          <p className="text-sm text-slate-600">No word from Hello Clever yet.</p>
        )}
        {technical.length ? (
          <details className="mt-4 text-sm" data-testid="timeline-details">
            <summary className="cursor-pointer font-medium text-brand-700 underline">Details ({formatCount(technical.length)} technical entries)</summary>
            <ol className="mt-3 space-y-4 border-l border-slate-200 pl-0">
              {technical.map((entry) => (entry.type === "provider" ? <ProviderEntry key={entry.id} entry={entry} /> : <DeliveryEntry key={entry.id} entry={entry} />))}
            </ol>
          </details>
        ) : null}
        {timeline.deliveriesTotal > timeline.deliveriesShown ? (
          <p className="mt-4 text-xs text-slate-600">
            Showing the latest {timeline.deliveriesShown} of {formatCount(timeline.deliveriesTotal)} webhook deliveries.
          </p>
        ) : null}
      </div>
    </section>
  );
}
