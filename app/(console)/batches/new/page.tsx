import type { Metadata } from "next";
import { NewBatchForm } from "@/components/batches/new-batch-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listMethods } from "@/lib/methods/list-methods";

export const metadata: Metadata = { title: "New batch" };

export default async function NewBatchPage() {
  await requirePagePermission("batches.edit");
  const methods = (await listMethods(getDb())).flatMap((item) => (item.usability.usable ? [item.usability.method] : []));
  // The form owns the heading: it becomes "Edit draft" once the batch is saved.
  if (methods.length > 0) return <NewBatchForm methods={methods} />;
  return (
    <>
      <PageHeader title="New batch" />
      <EmptyState
        title="No payout methods yet"
        description="The methods catalogue has not been fetched from Hello Clever yet (it syncs on first start). Try again in a moment, or ask an admin to sync it."
      />
    </>
  );
}
