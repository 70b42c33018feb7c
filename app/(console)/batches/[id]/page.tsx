import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ApprovalPanel } from "@/components/approvals/approval-panel";
import { BatchActions } from "@/components/batches/batch-actions";
import { BatchHeader, CopyLinks } from "@/components/batches/batch-header";
import { BatchStatusBadge } from "@/components/batches/batch-status-badge";
import { BatchTimeline } from "@/components/batches/batch-timeline";
import { BatchTransactionsTable } from "@/components/batches/batch-transactions-table";
import { LazyBatchEditor } from "@/components/batches/lazy-batch-editor";
import { MethodSummary } from "@/components/batches/method-select";
import { IntentLink } from "@/components/ui/intent-link";
import { PageHeader } from "@/components/ui/page-header";
import { approvalsNeededAt } from "@/lib/approvals/approvals-needed";
import { getApprovalPanel } from "@/lib/approvals/get-approval-panel";
import { can as roleCan } from "@/lib/auth/roles";
import { pageContext } from "@/lib/auth/request-context";
import { getBatch } from "@/lib/batches/get-batch";
import { getBatchForEditor } from "@/lib/batches/get-batch-for-editor";
import { getBatchTally, listBatchCopies, listPreviousFailures } from "@/lib/batches/get-batch-tally";
import { listBatchTransactions } from "@/lib/batches/list-batch-transactions";
import { can } from "@/lib/policy/can";
import { maskPayeeParams } from "@/lib/policy/payee-details";
import { getBatchTimeline } from "@/lib/provider-sync/get-batch-timeline";
import { getHelloCleverClient } from "@/lib/runtime";

export const metadata: Metadata = { title: "Batch" };

const PAGE_SIZE = 100;
const STATUS_FILTERS = ["failed", "settled", "pending", "not_sent"];

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string; status?: string }> };

/**
 * One batch, read once per request; everything below is loaded here and passed down. Its maker's
 * draft opens in the editor; every other batch (or someone else's draft) is a read-only view.
 */
export default async function BatchPage({ params, searchParams }: Props) {
  const ctx = await pageContext("batches.view");
  const { actor } = ctx;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const batch = await getBatch(ctx, { batchId: id });
  if (!batch) notFound();

  if (batch.status === "draft" && batch.createdBy === actor.id && roleCan(actor.roles, "batches.edit")) {
    const [draft, previousFailures] = await Promise.all([
      getBatchForEditor(ctx, { batchId: batch.id, makerId: actor.id }),
      batch.copiedFromId ? listPreviousFailures(ctx, { batchId: batch.id }) : Promise.resolve([]),
    ]);
    if (draft) {
      return (
        <>
          <PageHeader title="Edit draft" description={<DraftDescription />} actions={<BatchStatusBadge status="draft" />} />
          <CopyLinks batch={batch} copies={[]} previousFailures={previousFailures} />
          {draft.method.usable ? (
            <LazyBatchEditor
              method={draft.method.method}
              methodField={<MethodSummary method={draft.method.method} />}
              draft={{
                id: draft.batch.id,
                version: draft.batch.version,
                description: draft.batch.description,
                scheduledAt: draft.batch.scheduledAt?.toISOString() ?? null,
                rowsText: draft.rowsText,
              }}
            />
          ) : (
            <p role="alert" className="rounded-xl border border-red-200 bg-red-50 p-5 text-sm text-red-700">
              This draft&apos;s payout method can no longer be used: {draft.method.reason}. Its rows are kept; start a new batch with another method.
            </p>
          )}
        </>
      );
    }
  }

  const query = await searchParams;
  // A page number past any batch (99999999999999999999999) is the last possible page, not a 500.
  const page = Math.min(Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1), 1_000_000);
  const status = query.status && STATUS_FILTERS.includes(query.status) ? query.status : null;
  const [listed, tally, copies, panel, timeline, approvalsNeeded] = await Promise.all([
    listBatchTransactions(ctx, { batchId: batch.id, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, status }),
    getBatchTally(ctx, { batchId: batch.id }),
    listBatchCopies(ctx, { batchId: batch.id }),
    getApprovalPanel(ctx, { client: getHelloCleverClient(), batchId: batch.id, viewer: actor, batch }),
    getBatchTimeline(ctx, { batchId: batch.id, loaded: batch }),
    // A draft shows the approvals it WILL need at its total (the rule in lib/policy).
    batch.status === "draft" ? approvalsNeededAt(ctx, { currency: batch.currency, totalAmount: batch.totalAmount }) : batch.approvalsNeeded,
  ]);
  // Payee details (account numbers) in full only for the maker, approvers once submitted, auditors and admins.
  const rows = can(ctx, "batch.read_payee_details", batch).allowed ? listed : listed.map((row) => ({ ...row, params: maskPayeeParams(row.params) }));
  const policyBatch = { ...batch, failedCount: batch.failedCount };
  const allowed = {
    duplicate: can(ctx, "batch.duplicate", policyBatch).allowed,
    copyFailed: can(ctx, "batch.copy_failed", policyBatch).allowed,
    withdraw: can(ctx, "batch.withdraw", policyBatch).allowed,
    editAndResubmit: can(ctx, "batch.edit_and_resubmit", policyBatch).allowed,
  };
  const matching = status ? (tally.byStatus[status] ?? 0) : tally.all;
  return (
    <>
      <PageHeader
        title="Batch"
        description={
          <IntentLink href="/batches" className="text-brand-700 underline">
            ← All batches
          </IntentLink>
        }
      />
      <div className="space-y-6">
        <BatchHeader batch={batch} tally={tally} approvalsNeeded={approvalsNeeded} />
        <CopyLinks batch={batch} copies={copies} />
        <BatchActions batchId={batch.id} version={batch.version} status={batch.status} failedCount={batch.failedCount} allowed={allowed} />
        <ApprovalPanel panel={panel} />
        <BatchTimeline batchId={batch.id} timeline={timeline} />
        <BatchTransactionsTable
          batchId={batch.id}
          batchStatus={batch.status}
          currency={batch.currency}
          fields={batch.methodFields}
          rows={rows}
          total={matching}
          counts={tally}
          status={status}
          page={page}
          pageSize={PAGE_SIZE}
        />
      </div>
    </>
  );
}

function DraftDescription() {
  return (
    <>
      Saved drafts stay editable by you until you submit them.{" "}
      <IntentLink href="/batches" className="text-brand-700 underline">
        All batches
      </IntentLink>
    </>
  );
}
