import { RelativeTime } from "@/components/ui/relative-time";
import type { BatchProgress, BatchTimeline as BatchTimelineData } from "@/lib/provider-sync/get-batch-timeline";
import type { DeliveryKind, TimelineEntry } from "@/lib/provider-sync/build-batch-timeline";
import { describeProviderStatus, isProviderStatus } from "@/lib/provider-sync/provider-status";
import { providerErrorNextStep } from "@/lib/submission/attention-codes";
import { batchStatusLabel } from "./batch-status-badge";
import { LiveBatchRefresh } from "./live-batch-refresh";

const SOURCE_TEXT: Record<string, string> = {
  webhook: "confirmed with Hello Clever after a webhook",
  reconcile: "found by reconciliation",
  submit: "accepted by Hello Clever at submission",
  resolve: "found by the submission lookup",
};

const DELIVERY_TAG: Record<DeliveryKind, { text: string; tone: string }> = {
  new: { text: "authentic", tone: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
  repeated: { text: "repeated", tone: "bg-slate-100 text-slate-600 ring-slate-200" },
  stale: { text: "stale — ignored", tone: "bg-amber-50 text-amber-800 ring-amber-200" },
  malformed: { text: "malformed — refused", tone: "bg-red-50 text-red-700 ring-red-200" },
  unrecognised: { text: "no readable status", tone: "bg-slate-100 text-slate-600 ring-slate-200" },
};

function word(status: string | null): string {
  if (status && !isProviderStatus(status)) return describeProviderStatus(status)!;
  return status ? status.charAt(0).toUpperCase() + status.slice(1) : "Unknown";
}

const isKnownStatus = (status: string) => ["pending", "settled", "failed"].includes(status);

const REFUSAL_TEXT: Record<number, string> = { 401: "not authentic", 413: "body too large", 500: "the console could not store it" };

/** "completed — 48 paid, 2 failed" (or "processing — 50 pending"). */
function describeProgress(progress: BatchProgress): string {
  const parts = [
    progress.paid ? `${progress.paid.toLocaleString("en-US")} paid` : null,
    progress.failed ? `${progress.failed.toLocaleString("en-US")} failed` : null,
    progress.pending ? `${progress.pending.toLocaleString("en-US")} pending` : null,
  ].filter(Boolean);
  return `${batchStatusLabel(progress.status).toLowerCase()} — ${parts.join(", ") || "no transactions"}`;
}

function Dot({ tone }: { tone: string }) {
  return <span className={`absolute -left-[5px] top-1.5 size-2.5 rounded-full ring-4 ring-white ${tone}`} aria-hidden="true" />;
}

function Entry({ entry }: { entry: TimelineEntry }) {
  if (entry.type === "provider") {
    const applied = entry.outcome === "applied";
    const failed = typeof entry.detail?.failed === "number" && entry.detail.failed > 0 ? `, ${entry.detail.failed} failed` : "";
    return (
      <li className="relative pl-5" data-testid="timeline-entry" data-kind={applied ? "provider" : `provider-${entry.outcome}`}>
        <Dot tone={applied ? "bg-brand-600" : entry.outcome === "refused" ? "bg-red-500" : "bg-amber-400"} />
        <p className="text-sm text-slate-900">
          {applied ? (
            <>
              <span className="font-medium">{word(entry.status)}</span> — {SOURCE_TEXT[entry.source] ?? entry.source}
              {failed}
            </>
          ) : entry.outcome === "updated" ? (
            <>
              <span className="font-medium">Still {word(entry.status)}</span> — details refreshed ({entry.source}){failed}
            </>
          ) : entry.outcome === "refused" ? (
            <>
              <span className="font-medium">Webhook refused</span> — answered {String(entry.detail?.httpStatus ?? "")}
              {REFUSAL_TEXT[Number(entry.detail?.httpStatus)] ? ` (${REFUSAL_TEXT[Number(entry.detail?.httpStatus)]})` : ""}
              {Number(entry.detail?.httpStatus) >= 500 ? "; Hello Clever retries it and reconciliation reads the payout anyway" : ""}
            </>
          ) : entry.outcome === "stale" ? (
            <>
              <span className="font-medium">Older status {word(entry.status)}</span> reported ({entry.source}) — ignored, {word(String(entry.detail?.stored ?? ""))} kept
            </>
          ) : (
            <>
              <span className="font-medium">{word(entry.status)}</span> — {entry.source}: {entry.outcome}
            </>
          )}
        </p>
        <p className="text-xs text-slate-500">
          <RelativeTime iso={entry.at.toISOString()} />
        </p>
      </li>
    );
  }
  const tag = DELIVERY_TAG[entry.kind];
  return (
    <li className="relative pl-5" data-testid="timeline-entry" data-kind={`delivery-${entry.kind}`}>
      <Dot tone="bg-slate-300" />
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        Webhook{entry.claimedStatus ? `: ${entry.claimedStatus}` : ""}
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tag.tone}`}>{tag.text}</span>
        {!entry.processed && entry.kind !== "malformed" ? <span className="text-xs text-slate-400">checking with Hello Clever…</span> : null}
      </p>
      <p className="text-xs text-slate-500">
        <RelativeTime iso={entry.at.toISOString()} />
      </p>
    </li>
  );
}

/**
 * Where Hello Clever has got to with a batch: the outcome summary, failure reasons, and a
 * timeline of provider statuses, webhook deliveries (authentic, repeated, stale) and
 * reconciliation reads. Live: the page re-renders whenever the batch changes.
 */
export function BatchTimeline({ batchId, timeline }: { batchId: string; timeline: BatchTimelineData }) {
  const { progress, entries } = timeline;
  const nextStep = providerErrorNextStep(progress.providerErrorCode, progress.currency);
  const statusText = describeProviderStatus(progress.providerStatus);
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
              Hello Clever status: <span className="font-medium">{statusText}</span>
            </p>
            <p className="mt-1 text-xs text-slate-500">
              Payout <span className="font-mono">{progress.providerUuid}</span>
              {progress.lastReconciledAt ? (
                <>
                  {" "}· last checked by reconciliation <RelativeTime iso={progress.lastReconciledAt.toISOString()} />
                </>
              ) : null}
            </p>
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-500">Not with Hello Clever yet: it is sent once approved.</p>
        )}
        {progress.providerErrorCode ? (
          <div role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="provider-error">
            <p>
              <span className="font-mono font-medium">{progress.providerErrorCode}</span>: {progress.providerErrorMessage ?? "no message from Hello Clever"}
            </p>
            {nextStep ? <p className="mt-1 font-medium">Next step: {nextStep}</p> : null}
          </div>
        ) : null}
        {progress.providerRefusal ? (
          <div className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="provider-refusal">
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
              <li key={item.reason} className="rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-medium text-red-700 ring-1 ring-inset ring-red-200">
                {item.reason} × {item.count}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="px-5 py-4">
        {entries.length ? (
          <ol className="space-y-4 border-l border-slate-200 pl-0">{entries.map((entry) => <Entry key={entry.id} entry={entry} />)}</ol>
        ) : (
          <p className="text-sm text-slate-500">No word from Hello Clever yet.</p>
        )}
        {timeline.deliveriesTotal > timeline.deliveriesShown ? (
          <p className="mt-4 text-xs text-slate-500">
            Showing the latest {timeline.deliveriesShown} of {timeline.deliveriesTotal.toLocaleString("en-US")} webhook deliveries.
          </p>
        ) : null}
      </div>
    </section>
  );
}
