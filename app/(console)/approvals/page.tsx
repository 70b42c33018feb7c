import type { Metadata } from "next";
import { ApprovalQueueTable } from "@/components/approvals/approval-queue-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listApprovalQueue } from "@/lib/approvals/list-approval-queue";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requirePagePermission("approvals.decide");
  const items = await listApprovalQueue(getDb(), user.id);
  return (
    <>
      <PageHeader title="Approvals" description="Batches waiting for your decision, oldest first. Your own batches never appear here: someone else approves them." />
      {items.length === 0 ? (
        <EmptyState title="Nothing to approve" description="When an operator submits a batch for approval, it appears here." />
      ) : (
        <ApprovalQueueTable items={items} now={new Date()} />
      )}
    </>
  );
}
