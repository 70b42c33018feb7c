import type { Metadata } from "next";
import { ApprovalQueueTable } from "@/components/approvals/approval-queue-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listApprovalQueue } from "@/lib/approvals/list-approval-queue";
import { pageContext } from "@/lib/auth/request-context";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const ctx = await pageContext("approvals.decide");
  const items = await listApprovalQueue(ctx, { approverId: ctx.actor.id });
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
