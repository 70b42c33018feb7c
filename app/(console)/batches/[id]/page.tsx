import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ApprovalPanel } from "@/components/approvals/approval-panel";
import { BatchHeader } from "@/components/batches/batch-header";
import { BatchStatusBadge } from "@/components/batches/batch-status-badge";
import { BatchTimeline } from "@/components/batches/batch-timeline";
import { BatchTransactionsTable } from "@/components/batches/batch-transactions-table";
import { LazyBatchEditor } from "@/components/batches/lazy-batch-editor";
import { MethodSummary } from "@/components/batches/method-select";
import { PageHeader } from "@/components/ui/page-header";
import { can as hasRole } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { getBatch } from "@/lib/batches/get-batch";
import { getBatchForEditor } from "@/lib/batches/get-batch-for-editor";
import { listBatchTransactions } from "@/lib/batches/list-batch-transactions";
import { createContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { getBatchTimeline } from "@/lib/provider-sync/get-batch-timeline";
import { can } from "@/lib/policy/can";
import { maskPayeeParams } from "@/lib/policy/payee-details";

export const metadata: Metadata = { title: "Batch" };

const PAGE_SIZE = 100;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> };

/**
 * One batch. Its maker's draft opens in the editor; every other batch (or someone else's draft)
 * is a read-only view composed of sections, each its own component.
 */
export default async function BatchPage({ params, searchParams }: Props) {
  const user = await requirePagePermission("batches.view");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const batch = await getBatch(db, id);
  if (!batch) notFound();

  if (batch.status === "draft" && batch.createdBy === user.id && hasRole(user.roles, "batches.edit")) {
    const draft = await getBatchForEditor(db, { batchId: batch.id, makerId: user.id });
    if (draft) {
      return (
        <>
          <PageHeader title="Edit draft" description={<DraftDescription />} actions={<BatchStatusBadge status="draft" />} />
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

  // A page number past any batch (99999999999999999999999) is the last possible page, not a 500.
  const page = Math.min(Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1), 1_000_000);
  const [listed, timeline] = await Promise.all([
    listBatchTransactions(db, { batchId: batch.id, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    getBatchTimeline(db, batch.id),
  ]);
  // Payee details (account numbers) in full only for the maker, approvers once submitted, auditors and admins.
  const viewer = { kind: "user" as const, id: user.id, label: user.email, roles: user.roles };
  const fullDetails = can(createContext(db, viewer), "batch.read_payee_details", batch).allowed;
  const rows = fullDetails ? listed : listed.map((row) => ({ ...row, params: maskPayeeParams(row.params) }));
  return (
    <>
      <PageHeader
        title="Batch"
        description={
          <Link href="/batches" className="text-brand-700 hover:underline">
            ← All batches
          </Link>
        }
      />
      <div className="space-y-6">
        <BatchHeader batch={batch} />
        <ApprovalPanel batchId={batch.id} />
        {timeline ? <BatchTimeline batchId={batch.id} timeline={timeline} /> : null}
        <BatchTransactionsTable
          batchId={batch.id}
          currency={batch.currency}
          fields={batch.methodFields}
          rows={rows}
          total={batch.transactionCount}
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
      <Link href="/batches" className="text-brand-700 hover:underline">
        All batches
      </Link>
    </>
  );
}
